import Dispatch
import Foundation
import NNProblem
import Testing
import TestSupport
@testable import NNGrade
import NNReport
@testable import NNFiles

/// `PendingFile` and `OutputFolder` writes: a file appears only complete, replaces an older one,
/// and leaves nothing behind when it is abandoned; `GradebookJSONStream` writes the same bytes as
/// `Gradebook.json` whatever order the reports arrive in.
@Suite struct OutputFileTests {
    /// A fresh empty folder under the system's temporary directory.
    static func freshFolder(_ label: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.path + "/nncheck-output-\(label)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func entries(_ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    }

    static func contents(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    }

    @Test(arguments: [true, false])
    func aPendingFileHasNoNameUntilItIsCommitted(mayBeUnnamed: Bool) throws {
        let path = try Self.freshFolder("pending")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let folder = try OutputFolder(path: path)
        let file = try PendingFile(in: folder, name: "report.md", mayBeUnnamed: mayBeUnnamed)
        try file.append(Array("# first half\n".utf8))
        // Half written: the target does not exist; at most a hidden temporary file does (and on
        // Linux, where the file is unnamed, not even that).
        #expect(!FileManager.default.fileExists(atPath: path + "/report.md"))
        #expect(try Self.entries(path).allSatisfy { $0.hasPrefix(OutputFolder.temporaryPrefix) })
        #if os(Linux)
        #expect(try Self.entries(path).count == (mayBeUnnamed ? 0 : 1))
        #endif
        try file.append(Array("second half\n".utf8))
        try file.commit()
        #expect(try Self.entries(path) == ["report.md"])
        #expect(try Self.contents(path + "/report.md") == "# first half\nsecond half\n")
        #expect(throws: OutputError.self) { try file.append(Array("late".utf8)) }
    }

    @Test func aCommittedFileReplacesTheOldOneAndLeavesNoTemporaryFile() throws {
        let path = try Self.freshFolder("replace")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let folder = try OutputFolder(path: path)
        try folder.write("old report, longer than the new one\n", to: "a.json")
        try folder.write("new\n", to: "a.json")
        #expect(try Self.contents(path + "/a.json") == "new\n")
        #expect(try Self.entries(path) == ["a.json"])
        // The same through the byte API, three times over.
        for round in 1...3 { try folder.write(bytes: Array("round \(round)\n".utf8), to: "a.json") }
        #expect(try Self.contents(path + "/a.json") == "round 3\n")
        // And the portable way (a named temporary file renamed over the target).
        let portable = try PendingFile(in: folder, name: "a.json", mayBeUnnamed: false)
        try portable.append(Array("portable\n".utf8))
        try portable.commit()
        #expect(try Self.contents(path + "/a.json") == "portable\n")
        #expect(try Self.entries(path) == ["a.json"])
    }

    @Test(arguments: [true, false])
    func anAbandonedFileLeavesNothingAndKeepsTheOldOne(mayBeUnnamed: Bool) throws {
        let path = try Self.freshFolder("abandon")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let folder = try OutputFolder(path: path)
        try folder.write("kept\n", to: "gradebook.json")
        do {
            let file = try PendingFile(in: folder, name: "gradebook.json", mayBeUnnamed: mayBeUnnamed)
            try file.append(Array("{ half a docu".utf8))
            let other = try PendingFile(in: folder, name: "new.json", mayBeUnnamed: mayBeUnnamed)
            try other.append(Array("{".utf8))
        }  // both released without a commit
        #expect(try Self.entries(path) == ["gradebook.json"])
        #expect(try Self.contents(path + "/gradebook.json") == "kept\n")
    }

    @Test func unsafeNamesAreRefused() throws {
        let path = try Self.freshFolder("unsafe")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let folder = try OutputFolder(path: path)
        for name in ["../escape.md", "a/b.md", "", "..", "bad\u{0}name"] {
            #expect(throws: OutputError.self) { try folder.pendingFile(named: name) }
        }
        #expect(try Self.entries(path).isEmpty)
    }

    @Test func theStreamedGradebookEqualsTheWholeDocumentInAnyArrivalOrder() throws {
        let (sample, problem) = try ReportTests.sample()
        // Distinct results, so an order mistake changes the bytes.
        let results = (0..<40).map { k in
            var r = sample
            r.student = "student \(k)"
            r.file = "s\(k).yaml"
            return r
        }
        let expected = Gradebook.json(results, problem: problem)
        let path = try Self.freshFolder("stream")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let folder = try OutputFolder(path: path)
        let nested = results.map { Gradebook.nestedReport(SubmissionReport.jsonUTF8($0)) }

        // Reverse order from one thread: nothing can be written before the last one arrives.
        let reversed = GradebookJSONStream(problem: problem, count: results.count,
                                           file: try folder.pendingFile(named: "reversed.json"))
        for i in results.indices.reversed() { reversed.submit(i, nestedReport: nested[i]) }
        try reversed.finish()
        #expect(try Self.contents(path + "/reversed.json") == expected)

        // Concurrent arrival from many workers.
        let concurrent = GradebookJSONStream(problem: problem, count: results.count,
                                             file: try folder.pendingFile(named: "concurrent.json"))
        DispatchQueue.concurrentPerform(iterations: results.count) { i in
            let j = (i * 17) % results.count  // a permutation, since 17 and 40 are coprime
            concurrent.submit(j, nestedReport: nested[j])
        }
        try concurrent.finish()
        #expect(try Self.contents(path + "/concurrent.json") == expected)

        // An empty batch is still a complete document.
        let empty = GradebookJSONStream(problem: problem, count: 0, file: try folder.pendingFile(named: "empty.json"))
        try empty.finish()
        #expect(try Self.contents(path + "/empty.json") == Gradebook.json([], problem: problem))
    }

    @Test func aStreamMissingAReportRefusesToFinishAndWritesNothing() throws {
        let (sample, problem) = try ReportTests.sample()
        let path = try Self.freshFolder("missing")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let folder = try OutputFolder(path: path)
        do {
            let stream = GradebookJSONStream(problem: problem, count: 3,
                                             file: try folder.pendingFile(named: "gradebook.json"))
            let nested = Gradebook.nestedReport(SubmissionReport.jsonUTF8(sample))
            stream.submit(0, nestedReport: nested)
            stream.submit(2, nestedReport: nested)
            #expect(throws: OutputError.self) { try stream.finish() }
        }
        #expect(try Self.entries(path).isEmpty)
    }
}

/// Re-running a batch into the same reports folder: reports of answer files that are gone are
/// removed, everything else stays; a first run into a fresh folder skips that clean-up.
@Suite struct StaleReportTests {
    @Test func aReRunRemovesReportsOfSubmissionsThatAreGone() throws {
        let root = try OutputFileTests.freshFolder("stale")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let submissions = root + "/submissions", out = root + "/reports"
        try FileManager.default.createDirectory(atPath: submissions, withIntermediateDirectories: true)
        for name in ["ann", "bob"] {
            try Data("student: \(name)\nanswers:\n  \"1.1\": 0.627\n".utf8)
                .write(to: URL(fileURLWithPath: "\(submissions)/\(name).yaml"))
        }
        let problem = try ProblemLoader.load(path: RepositoryRoot.path + "/problems/ece4179-mlp.yaml")
        let batch = BatchGrader(grader: Grader(problem: problem))
        _ = try batch.gradeAndWrite(folder: submissions, out: out)
        let all = ["ann.json", "ann.md", "bob.json", "bob.md", "gradebook.csv", "gradebook.json", "summary.md"]
        #expect(try OutputFileTests.entries(out) == all)

        try FileManager.default.removeItem(atPath: submissions + "/bob.yaml")
        try Data("kept\n".utf8).write(to: URL(fileURLWithPath: out + "/notes.txt"))
        let results = try batch.gradeAndWrite(folder: submissions, out: out)
        #expect(results.map(\.file) == ["ann.yaml"])
        #expect(try OutputFileTests.entries(out)
                == ["ann.json", "ann.md", "gradebook.csv", "gradebook.json", "notes.txt", "summary.md"])
    }

    @Test func anOutputFolderKnowsWhetherItWasEmpty() throws {
        let root = try OutputFileTests.freshFolder("empty")
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(try OutputFolder(path: root + "/new").wasEmpty)
        // A temporary file left by a killed run does not count (it is removed).
        try Data("half".utf8).write(to: URL(fileURLWithPath: root + "/new/" + OutputFolder.temporaryPrefix + "a.md-x"))
        #expect(try OutputFolder(path: root + "/new").wasEmpty)
        #expect(try OutputFileTests.entries(root + "/new").isEmpty)
        try OutputFolder(path: root + "/new").write("x\n", to: "a.md")
        #expect(try !OutputFolder(path: root + "/new").wasEmpty)
    }
}
