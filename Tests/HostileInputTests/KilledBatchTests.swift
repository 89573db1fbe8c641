import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension HostileInput {
    /// `nncheck grade` killed with SIGKILL part-way leaves no half-written file, and a re-run
    /// completes the folder.
    @Suite struct KilledBatch {
        static let fileCount = 2000
        static let problemID = "ece4179-mlp"

        /// Writes `fileCount` varied answer files (some broken) into `folder`.
        static func writeSubmissions(into folder: TemporaryFolder, variant: Int = 0) throws -> String {
            let submissions = try folder.folder("submissions")
            for index in 0..<fileCount {
                let text: String
                switch index % 10 {
                case 7: text = "student: s\(index)\nanswers: {\"1.1\": [0.4, 1.2\n"   // broken YAML
                case 8: text = "student: s\(index)\nanswers:\n  \"1.1-z1\": [[0.4], [1.2]]\n  \"1.2\": 'about 1'\n"
                default:
                    let value = 0.5 + Double((index + variant) % 300) / 1000
                    text = HostileText.answerFile(student: "s\(index)", [
                        ("1.1-z1", "[0.4, 1.2, -0.1]"), ("1.1", "\(value)"), ("1.2", "\"-ln(1 - \(value))\""),
                        ("1.4", "'\\frac{-9}{40}'"), ("1.5", "0.1")])
                }
                try folder.write("submissions/s\(String(index).leftPadded(to: 4)).yaml", text)
            }
            return submissions
        }

        /// Starts `nncheck grade` on the folder with its output silenced.
        static func startGrade(submissions: String, out: String) throws -> Process {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: try NNCheckBinary.path())
            process.arguments = ["grade", Hostile.problemPath(problemID), submissions, "--out", out, "--quiet"]
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }

        /// Kills `process` with SIGKILL as soon as `folder` holds `reports` JSON reports, or after `limit`.
        static func killWhenReady(_ process: Process, whenAReportAppearsIn folder: String, reports: Int = 1,
                                  limit: Duration) {
            let clock = ContinuousClock()
            let deadline = clock.now + limit
            while process.isRunning && clock.now < deadline {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
                if names.count(where: { $0.hasSuffix(".json") && !$0.hasPrefix(".") }) >= reports { break }
                usleep(500)
            }
            if process.isRunning { _ = kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }

        /// Checks that nothing in the reports folder is half-written; returns the report count.
        @discardableResult
        static func expectNothingHalfWritten(_ reports: String, label: String) throws -> Int {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: reports)) ?? []
            var reportCount = 0
            for name in names where !name.hasPrefix(".") {
                let data = try Data(contentsOf: URL(fileURLWithPath: reports + "/" + name))
                if name.hasSuffix(".json") {
                    let parsed = try? JSONSerialization.jsonObject(with: data)
                    #expect(parsed != nil, "\(label): \(name) is not complete JSON (\(data.count) bytes)")
                    if name == "gradebook.json" {
                        let submissions = (parsed as? [String: Any])?["submissions"] as? [Any]
                        #expect(submissions?.count == fileCount, "\(label): gradebook.json has \(submissions?.count ?? -1) submissions")
                    } else {
                        reportCount += 1
                    }
                } else if name == "gradebook.csv" {
                    let text = String(decoding: data, as: UTF8.self)
                    #expect(text.hasSuffix("\r\n"), "\(label): gradebook.csv does not end with a line break")
                    let rows = text.components(separatedBy: "\r\n").dropFirst().dropLast()
                    #expect(rows.count == fileCount, "\(label): gradebook.csv has \(rows.count) rows")
                } else if name.hasSuffix(".md") {
                    let text = String(decoding: data, as: UTF8.self)
                    #expect(text.hasPrefix("# ") && text.hasSuffix("\n"), "\(label): \(name) is cut short")
                }
            }
            let temporary = names.filter { $0.hasPrefix(".nncheck-tmp-") }.count
            print("\(label): \(reportCount) JSON reports, \(temporary) temporary files, gradebook: \(names.contains("gradebook.csv"))")
            return reportCount
        }

        /// After a complete run: every submission has both reports, and no temporary file is left.
        static func expectComplete(_ reports: String, label: String) throws {
            let names = try FileManager.default.contentsOfDirectory(atPath: reports)
            #expect(try expectNothingHalfWritten(reports, label: label) == fileCount)
            #expect(names.filter { $0.hasSuffix(".md") && $0 != "summary.md" }.count == fileCount)
            #expect(names.contains("gradebook.csv") && names.contains("gradebook.json") && names.contains("summary.md"))
            let leftovers = names.filter { $0.hasPrefix(".nncheck-tmp-") }
            #expect(leftovers.isEmpty, "\(label): temporary files left: \(leftovers.prefix(5))")
        }

        @Test func killedBatchLeavesNoHalfWrittenFileAndReRunCompletes() throws {
            let folder = try TemporaryFolder("killed")
            let submissions = try Self.writeSubmissions(into: folder)
            let out = folder.path + "/out"
            let reports = out + "/" + Self.problemID

            // 1. Killed as soon as the first report appears (the batch is writing reports then).
            let first = try Self.startGrade(submissions: submissions, out: out)
            Self.killWhenReady(first, whenAReportAppearsIn: reports, limit: .seconds(60))
            // Whether the kill lands before the run ends depends on the machine's speed, so it is not
            // asserted here; either way no file may be half-written, and step 5 kills a run for certain.
            try Self.expectNothingHalfWritten(reports, label: "killed at the first report")

            // 2. Killed again half-way through writing, over the partial output of the first run.
            let second = try Self.startGrade(submissions: submissions, out: out)
            Self.killWhenReady(second, whenAReportAppearsIn: reports, reports: Self.fileCount / 2, limit: .seconds(60))
            try Self.expectNothingHalfWritten(reports, label: "killed half-way")

            // 3. Killed after 150 ms (while grading, before any report is written).
            let third = try Self.startGrade(submissions: submissions, out: out)
            usleep(150_000)
            if third.isRunning { _ = kill(third.processIdentifier, SIGKILL) }
            third.waitUntilExit()
            try Self.expectNothingHalfWritten(reports, label: "killed after 150 ms")

            // 4. A full re-run completes the folder and removes the temporary files.
            let rerun = try Self.startGrade(submissions: submissions, out: out)
            rerun.waitUntilExit()
            #expect(rerun.terminationStatus == 0)
            try Self.expectComplete(reports, label: "re-run")

            // 5. Changed answers, killed while rewriting a complete folder: every file is either the
            //    old complete version or the new one, and the next run completes again.
            try FileManager.default.removeItem(atPath: submissions)
            _ = try Self.writeSubmissions(into: folder, variant: 1)
            let fourth = try Self.startGrade(submissions: submissions, out: out)
            Self.killWhenReady(fourth, whenAReportAppearsIn: folder.path + "/never", limit: .milliseconds(250))
            try Self.expectNothingHalfWritten(reports, label: "killed while rewriting")
            let fifth = try Self.startGrade(submissions: submissions, out: out)
            fifth.waitUntilExit()
            #expect(fifth.terminationStatus == 0)
            try Self.expectComplete(reports, label: "final re-run")
        }
    }
}

extension String {
    /// The string with leading zeros up to `width` characters.
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
