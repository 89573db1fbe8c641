import Foundation
import NNGrade
import Testing
import NNFiles

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs `body` on its own thread and waits at most `seconds`; returns nil when it did not finish
/// (the thread is then left behind, blocked, and `unblock` is called to release it).
func finishing<T: Sendable>(within seconds: Double, unblock: @Sendable () -> Void = {},
                            _ body: @escaping @Sendable () -> T) -> T? {
    let slot = FinishingSlot<T>()
    Thread.detachNewThread {
        slot.value = body()
        slot.done.signal()
    }
    if slot.done.wait(timeout: .now() + seconds) == .success { return slot.value }
    unblock()
    _ = slot.done.wait(timeout: .now() + 10)
    return nil
}

/// The result slot of `finishing(within:unblock:_:)`, written once by the worker thread.
final class FinishingSlot<T>: @unchecked Sendable {
    var value: T?
    let done = DispatchSemaphore(value: 0)
}

extension HostileInput {
    /// Whole submissions folders: hostile file names and student ids, symbolic links, FIFOs and
    /// subfolders. Every report must land inside the out folder with a safe name, and N files in
    /// must give N gradebook rows out.
    @Suite struct BatchFolders {
        /// Every entry of `out`, recursively, as paths relative to it.
        static func listing(_ out: String) throws -> [String] {
            guard let enumerator = FileManager.default.enumerator(atPath: out) else { return [] }
            return enumerator.compactMap { $0 as? String }.sorted()
        }

        /// The data rows of a gradebook CSV (CRLF lines, quoted fields never contain line breaks
        /// here because every field is one line).
        static func gradebookRows(_ out: String) throws -> [String] {
            let text = try String(contentsOfFile: out + "/gradebook.csv", encoding: .utf8)
            #expect(text.hasSuffix("\r\n"))
            return Array(text.components(separatedBy: "\r\n").dropFirst().dropLast())
        }

        @Test func hostileStudentIdsAndFileNamesStayInsideTheOutFolder() throws {
            let folder = try TemporaryFolder("ids")
            let submissions = try folder.folder("submissions")
            let files: [(String, String)] = [
                ("dotdot.yaml", "student: \"../../../../tmp/escaped\"\nanswers: {\"1.1\": 0.627}\n"),
                ("absolute.yaml", "student: /etc/passwd\nanswers: {\"1.1\": 0.627}\n"),
                ("nul.yaml", "student: \"evil\\0name\"\nanswers: {\"1.1\": 0.627}\n"),
                ("long.yaml", "student: " + String(repeating: "x", count: 10_000) + "\nanswers: {}\n"),
                ("newline.yaml", "student: \"a\\nb\"\nanswers: {}\n"),
                ("x..yaml", "student: s1\nanswers: {}\n"),
                ("%2e%2e%2fescape.yaml", "student: s2\nanswers: {}\n"),
                ("gradebook.yaml", "student: s3\nanswers: {}\n"),
                ("Summary.yml", "student: s4\nanswers: {}\n"),
                ("a b.yaml", "student: s5\nanswers: {}\n"),
                ("a_b.yaml", "student: s6\nanswers: {}\n"),
                ("A_B.json", "{\"student\": \"s7\", \"answers\": {}}"),
                ("ünïcødé ✓.yaml", "student: s8\nanswers: {}\n"),
                (String(repeating: "n", count: 240) + ".yaml", "student: s9\nanswers: {}\n"),
                ("-rf.yaml", "student: \"=HYPERLINK(\\\"http://x\\\")\"\nanswers: {}\n"),
                ("back\\slash.yaml", "student: s10\nanswers: {}\n"),
                ("no-extension", "student: s11\nanswers: {}\n"),
            ]
            for (name, text) in files { try folder.write("submissions/" + name, text) }
            let out = folder.path + "/out"
            let batch = BatchGrader(grader: try Hostile.mlpGrader())
            let results = try Hostile.timed("grade hostile names") { try batch.gradeAndWrite(folder: submissions, out: out) }
            #expect(results.count == files.count)

            // Nothing escaped: the temporary folder holds only the submissions and the out folder.
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["out", "submissions"])
            #expect(!FileManager.default.fileExists(atPath: "/tmp/escaped.md"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: submissions).count == files.count)

            let listing = try Self.listing(out)
            #expect(listing.count == 2 * files.count + 3, "\(listing)")
            for path in listing {
                #expect(!path.contains("/"), "a nested output path: \(path)")
                #expect(SafeName.isSafe(path), "an unsafe name: \(path.debugDescription)")
                #expect(!path.hasPrefix("."), "a hidden output file: \(path)")
                #expect(path.unicodeScalars.allSatisfy { $0.isASCII }, "a non-ASCII name: \(path)")
                var status = stat()
                #expect(lstat(out + "/" + path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG, "\(path) is not a regular file")
            }
            // The batch files are the batch's own, never a student's report.
            let gradebook = try String(contentsOfFile: out + "/gradebook.json", encoding: .utf8)
            #expect(gradebook.contains("\"submissions\""))
            let summary = try String(contentsOfFile: out + "/summary.md", encoding: .utf8)
            #expect(summary.contains("class summary"))
            #expect(listing.contains("gradebook-2.json") && listing.contains("Summary-2.md"), "\(listing)")

            // Every report names its own file; the ids that are not valid fell back to the file name.
            let rows = try Self.gradebookRows(out)
            #expect(rows.count == files.count)
            for result in results where ["nul.yaml", "long.yaml", "newline.yaml"].contains(result.file) {
                #expect(!result.isGradable)
                #expect(result.ungradableReason?.contains("'student' must be one line of at most 200 characters") == true)
            }
            let dotdot = try #require(results.first { $0.file == "dotdot.yaml" })
            #expect(dotdot.isGradable && dotdot.student == "../../../../tmp/escaped")
            #expect(listing.contains("dotdot.json"))
            // The formula-looking id is neutralised in the CSV.
            #expect(rows.contains { $0.contains("'=HYPERLINK") }, "\(rows)")
        }

        @Test func symlinksFifosAndSubfoldersNeitherHangNorAreFollowed() throws {
            let folder = try TemporaryFolder("special")
            let submissions = try folder.folder("submissions")
            try folder.write("submissions/good.yaml", "student: good\nanswers: {\"1.1\": 0.627}\n")
            try FileManager.default.createSymbolicLink(atPath: submissions + "/passwd.yaml", withDestinationPath: "/etc/passwd")
            try FileManager.default.createSymbolicLink(atPath: submissions + "/inside.yaml", withDestinationPath: "good.yaml")
            try FileManager.default.createSymbolicLink(atPath: submissions + "/dangling.yaml", withDestinationPath: "nowhere.yaml")
            try FileManager.default.createSymbolicLink(atPath: submissions + "/loop.yaml", withDestinationPath: "loop.yaml")
            try FileManager.default.createSymbolicLink(atPath: submissions + "/dir-link", withDestinationPath: "/etc")
            let fifo = submissions + "/fifo.yaml"
            #expect(mkfifo(fifo, 0o644) == 0)
            _ = try folder.folder("submissions/subfolder")
            try folder.write("submissions/subfolder/hidden-away.yaml", "student: nested\nanswers: {}\n")
            try folder.write("submissions/.DS_Store", [0, 0, 0, 1, 0x42, 0x75, 0x64, 0x31])

            let out = folder.path + "/out"
            let grader = try Hostile.mlpGrader()
            let results = finishing(within: 10, unblock: {
                // Release a reader blocked on the FIFO by opening it for writing once.
                let writer = open(fifo, O_WRONLY | O_NONBLOCK)
                if writer >= 0 { close(writer) }
            }) { () -> [SubmissionResult]? in
                try? BatchGrader(grader: grader).gradeAndWrite(folder: submissions, out: out)
            }
            let graded = try #require(results ?? nil, "the batch hung on the FIFO (or failed)")
            // Files in: every non-hidden entry that is not a folder (links and the FIFO included).
            let expectedFiles = ["dangling.yaml", "dir-link", "fifo.yaml", "good.yaml", "inside.yaml", "loop.yaml", "passwd.yaml"]
            #expect(graded.map(\.file) == expectedFiles)
            #expect(try Self.gradebookRows(out).count == expectedFiles.count)
            for result in graded where result.file != "good.yaml" {
                #expect(!result.isGradable, "\(result.file) was graded")
                let reason = result.ungradableReason ?? ""
                if result.file == "fifo.yaml" {
                    #expect(reason == "fifo.yaml: not a regular file (a FIFO); only plain files are graded", "\(reason)")
                } else {
                    #expect(reason.hasSuffix(": symbolic links are not followed"), "\(result.file): \(reason)")
                }
            }
            #expect(graded.first { $0.file == "good.yaml" }?.isGradable == true)
            // Nothing of /etc/passwd was read into any report.
            for name in try Self.listing(out) {
                let text = try String(contentsOfFile: out + "/" + name, encoding: .utf8)
                #expect(!text.contains("root:"), "\(name) contains /etc/passwd")
            }
        }

        /// A file name that is not UTF-8 (and one with a line break) still gives its row, with a reason.
        @Test func undecodableFileNamesStillGiveARow() throws {
            let folder = try TemporaryFolder("names")
            let submissions = try folder.folder("submissions")
            let rawName: [UInt8] = Array((submissions + "/").utf8) + [0xFF, 0xFE] + Array(".yaml".utf8) + [0]
            let descriptor = rawName.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT | O_EXCL, 0o644) }
            }
            #expect(descriptor >= 0)
            close(descriptor)
            try folder.write("submissions/new\nline.yaml", "student: s2\nanswers: {}\n")
            try folder.write("submissions/ok.yaml", "student: s3\nanswers: {}\n")
            let out = folder.path + "/out"
            let results = try BatchGrader(grader: try Hostile.mlpGrader()).gradeAndWrite(folder: submissions, out: out)
            #expect(results.count == 3)
            // The line break inside the quoted file name is a bare LF, so rows still split on CRLF.
            #expect(try Self.gradebookRows(out).count == 3)
            let undecodable = try #require(results.first { $0.file.unicodeScalars.contains("\u{FFFD}") })
            #expect(undecodable.ungradableReason?.hasSuffix(": the file name is not valid UTF-8, so the file cannot be opened; rename it") == true,
                    "\(undecodable.ungradableReason ?? "")")
            #expect(results.first { $0.file == "new\nline.yaml" }?.isGradable == true)
            for path in try Self.listing(out) { #expect(SafeName.isSafe(path), "\(path.debugDescription)") }
        }

        @Test func fifoIsRejectedByGradeFileWithoutBlocking() throws {
            let folder = try TemporaryFolder("fifo")
            let fifo = folder.path + "/pipe.yaml"
            #expect(mkfifo(fifo, 0o644) == 0)
            let grader = try Hostile.mlpGrader()
            let result = finishing(within: 5, unblock: {
                let writer = open(fifo, O_WRONLY | O_NONBLOCK)
                if writer >= 0 { close(writer) }
            }) { BatchGrader(grader: grader).gradeFile(path: fifo, displayName: "pipe.yaml") }
            let graded = try #require(result, "gradeFile blocked on a FIFO")
            #expect(graded.ungradableReason == "pipe.yaml: not a regular file (a FIFO); only plain files are graded")
        }

        @Test func devicesAreRejected() throws {
            let grader = try Hostile.mlpGrader()
            let result = finishing(within: 5) { BatchGrader(grader: grader).gradeFile(path: "/dev/zero", displayName: "zero") }
            #expect(result?.ungradableReason == "zero: not a regular file (a device); only plain files are graded")
        }

        /// N files in, N rows out, over a folder with one file of every kind of breakage.
        @Test func everyBrokenFileGivesExactlyOneRow() throws {
            let folder = try TemporaryFolder("rows")
            let submissions = try folder.folder("submissions")
            var count = 0
            for (index, hostile) in RejectedAnswerFile.all.enumerated() {
                try folder.write("submissions/bad-\(index).yaml", hostile.bytes())
                count += 1
            }
            for (index, hostile) in RejectedAnswer.all.enumerated() {
                try folder.write("submissions/answer-\(index).yaml",
                                 HostileText.answerFile(student: "a\(index)", [(hostile.question, hostile.yaml)]))
                count += 1
            }
            let out = folder.path + "/out"
            let results = try Hostile.timed("grade \(count) broken files", limit: .seconds(120)) {
                try BatchGrader(grader: try Hostile.mlpGrader()).gradeAndWrite(folder: submissions, out: out)
            }
            #expect(results.count == count)
            #expect(try Self.gradebookRows(out).count == count)
            let listing = try Self.listing(out)
            #expect(listing.filter { $0.hasSuffix(".json") }.count == count + 1)
            #expect(listing.filter { $0.hasSuffix(".md") }.count == count + 1)
            #expect(results.filter(\.isGradable).count == RejectedAnswer.all.count)
        }

        /// Writing the reports into the submissions folder itself would mix reports with answer
        /// files (and the stale-report clean-up would delete JSON answer files): refused.
        @Test func reportsFolderMayNotBeTheSubmissionsFolder() throws {
            let folder = try TemporaryFolder("same")
            let submissions = try folder.folder("submissions")
            try folder.write("submissions/json-answer.json", "{\"student\": \"s1\", \"answers\": {\"1.1\": 0.627}}")
            try folder.write("submissions/notes.md", "my notes\n")
            let batch = BatchGrader(grader: try Hostile.mlpGrader())
            for out in [submissions, submissions + "/", submissions + "/../submissions", submissions + "/."] {
                #expect(throws: OutputError.self) { try batch.gradeAndWrite(folder: submissions, out: out) }
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: submissions).sorted() == ["json-answer.json", "notes.md"])
            do {
                _ = try batch.gradeAndWrite(folder: submissions, out: submissions)
            } catch {
                #expect(error.message.contains("is the submissions folder"), "\(error.message)")
            }
        }
    }
}
