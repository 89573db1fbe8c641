import Foundation
import Testing
import NNYAML

@Suite struct FileReadingTests {
    /// A fresh temporary directory for one test.
    func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("NNYAMLTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func readsAFileAndUsesTheDisplayName() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("answers.yaml").path
        try Data("a: 1\nb: [x\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: InputError(file: "student/answers.yaml", line: 3, column: 1,
                                   message: "YAML syntax error: did not find expected ',' or ']'"
                                   + " (while parsing a flow sequence at line 2, column 4)")) {
            try YAMLReader.read(contentsOf: path, displayName: "student/answers.yaml", limits: .answerFile)
        }
        try Data("a: 1\n".utf8).write(to: URL(fileURLWithPath: path))
        let root = try YAMLReader.read(contentsOf: path, limits: .answerFile)
        #expect(root["a"]?.location == SourceLocation(file: path, line: 1, column: 4))
    }

    @Test(.timeLimit(.minutes(1)))
    func hugeFileIsRejectedBySizeWithoutReading() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("huge.yaml").path
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: 10 << 30)  // sparse 10 GB
        try handle.close()
        // Rejected from its size alone: reading 10 GB would fail the test's time limit (a hang
        // guard, not a speed assertion) or exhaust memory long before.
        #expect(throws: InputError(file: "huge.yaml", message: "file is 10 GB, larger than the 8 MB limit for problem files")) {
            try YAMLReader.read(contentsOf: path, displayName: "huge.yaml", limits: .problemFile)
        }
    }

    @Test func missingFileAndDirectory() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(throws: InputError(file: "nope.yaml", message: "cannot open file: file not found")) {
            try YAMLReader.read(contentsOf: directory.appendingPathComponent("nope.yaml").path,
                                displayName: "nope.yaml", limits: .answerFile)
        }
        #expect(throws: InputError(file: "dir", message: "is a directory, not a file")) {
            try YAMLReader.read(contentsOf: directory.path, displayName: "dir", limits: .answerFile)
        }
    }

    @Test func unboundedDeviceIsCutOffAtTheLimit() {
        #expect(throws: InputError(file: "/dev/zero", message: "file is larger than the 1 MB limit for answer files")) {
            try YAMLReader.read(contentsOf: "/dev/zero", limits: .answerFile)
        }
    }
}
