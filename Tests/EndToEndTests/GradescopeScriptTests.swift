import Foundation
import Testing
import TestSupport

/// Runs integrations/gradescope/setup.sh and run_autograder the way Gradescope does, in a
/// temporary autograder folder (AUTOGRADER_ROOT) holding source/problem.yaml, source/nncheck (the
/// debug build) and submission/.
@Suite struct GradescopeScriptTests {
    /// The repository root.
    static var root: String { RepositoryRoot.path }

    static var scripts: String { root + "/integrations/gradescope" }

    /// A temporary autograder folder with the problem, the binary and the scripts in source/, and
    /// `answers` (file name → text) in submission/.
    static func autograder(answers: [String: String]) throws -> String {
        let binary = BuiltBinary.path("nncheck")
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            Issue.record("the nncheck binary is missing at \(binary); run `swift build` first")
            throw CancellationError()
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("GradescopeScriptTests-\(UUID().uuidString)").path
        let fm = FileManager.default
        try fm.createDirectory(atPath: folder + "/source", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: folder + "/submission", withIntermediateDirectories: true)
        try fm.copyItem(atPath: root + "/problems/ece4179-mlp.yaml", toPath: folder + "/source/problem.yaml")
        try fm.copyItem(atPath: binary, toPath: folder + "/source/nncheck")
        for script in ["setup.sh", "run_autograder"] {
            try fm.copyItem(atPath: scripts + "/" + script, toPath: folder + "/source/" + script)
        }
        for (name, text) in answers {
            try text.write(toFile: folder + "/submission/" + name, atomically: true, encoding: .utf8)
        }
        return folder
    }

    /// Runs a script with bash, AUTOGRADER_ROOT set to `folder`; returns its exit status and output.
    static func run(_ script: String, in folder: String) throws -> (status: Int32, output: String) {
        let process = Process()
        let bash = FileManager.default.isExecutableFile(atPath: "/bin/bash") ? "/bin/bash" : "/usr/bin/bash"
        process.executableURL = URL(fileURLWithPath: bash)
        process.arguments = [script]
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        var environment = ProcessInfo.processInfo.environment
        environment["AUTOGRADER_ROOT"] = folder
        process.environment = environment
        // Output goes to a file, so that a full pipe can never block the child.
        let log = folder + "/run.log"
        guard FileManager.default.createFile(atPath: log, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        try handle.close()
        return (process.terminationStatus, try String(contentsOfFile: log, encoding: .utf8))
    }

    /// The parsed results/results.json.
    static func results(_ folder: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/results/results.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func number(_ value: Any?) -> Double? {
        guard let n = value as? NSNumber, String(cString: n.objCType) != "c" else { return nil }
        return n.doubleValue
    }

    @Test func gradesTheSubmittedAnswerFile() throws {
        let answers = try String(contentsOfFile: Self.root + "/submissions/ece4179-mlp/sign-error.yaml", encoding: .utf8)
        let folder = try Self.autograder(answers: ["answers.yaml": answers])
        defer { try? FileManager.default.removeItem(atPath: folder) }

        let setup = try Self.run(folder + "/source/setup.sh", in: folder)
        #expect(setup.status == 0, "setup.sh:\n\(setup.output)")

        let run = try Self.run(folder + "/source/run_autograder", in: folder)
        #expect(run.status == 0, "run_autograder:\n\(run.output)")
        let json = try Self.results(folder)
        #expect(Self.number(json["score"]) == 12, "\(json)")
        let tests = try #require(json["tests"] as? [[String: Any]])
        #expect(tests.count == 11)
        #expect(tests.compactMap { Self.number($0["score"]) }.reduce(0, +) == 12)
        #expect(json["stdout_visibility"] as? String == "hidden")
    }

    @Test func noAnswerFileScoresZeroWithAReason() throws {
        let folder = try Self.autograder(answers: ["notes.txt": "I forgot the answers"])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try Self.run(folder + "/source/run_autograder", in: folder)
        #expect(run.status == 0, "run_autograder:\n\(run.output)")
        let json = try Self.results(folder)
        #expect(Self.number(json["score"]) == 0)
        #expect((json["output"] as? String)?.contains("No answer file") == true, "\(json)")
    }

    @Test func unreadableAnswerFileStillListsEveryQuestion() throws {
        let folder = try Self.autograder(answers: ["answers.yml": "student: [unclosed\n"])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try Self.run(folder + "/source/run_autograder", in: folder)
        #expect(run.status == 0, "run_autograder:\n\(run.output)")
        let json = try Self.results(folder)
        #expect(Self.number(json["score"]) == 0)
        #expect((json["output"] as? String)?.contains("answers.yml:") == true, "\(json)")
        #expect((json["tests"] as? [[String: Any]])?.count == 11)
    }

    @Test func aCrashingBinaryLeavesAFallbackResult() throws {
        let folder = try Self.autograder(answers: ["answers.yaml": "student: s\nanswers: {}\n"])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let fake = folder + "/source/nncheck"
        try FileManager.default.removeItem(atPath: fake)
        try "#!/bin/sh\nexit 3\n".write(toFile: fake, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake)
        let run = try Self.run(folder + "/source/run_autograder", in: folder)
        #expect(run.status == 0, "run_autograder:\n\(run.output)")
        let json = try Self.results(folder)
        #expect(Self.number(json["score"]) == 0)
        #expect((json["output"] as? String)?.contains("exit status 3") == true, "\(json)")
    }
}
