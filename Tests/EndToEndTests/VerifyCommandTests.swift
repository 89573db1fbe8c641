import Foundation
import Testing

/// Runs the built `nncheck verify` as a separate process.
@Suite struct VerifyCommandTests {
    static var root: String { NNCheckBinary.root }

    static func run(_ arguments: [String]) throws -> NNCheckBinary.Run { try NNCheckBinary.run(arguments) }

    @Test func bundledProblemsVerify() throws {
        let run = try Self.run(["verify", "problems/"])
        #expect(run.status == 0, "stdout:\n\(run.stdout)\nstderr:\n\(run.stderr)")
        #expect(run.stdout.hasSuffix(" 0 mismatches, 0 invalid files\n"))
        #expect(!run.stdout.contains("unkeyed"))
    }

    @Test func wrongKeyExitsOne() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("VerifyCommandTests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/f.yaml"
        let text = """
            nncheck: 1
            id: f
            functions:
              f: "x^2"
            questions:
              - id: "1"
                ask: f(3)
                answer: 9
              - id: "2"
                ask: f'(3)
                answer: 5

            """
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        let run = try Self.run(["verify", folder])
        #expect(run.status == 1, "stderr:\n\(run.stderr)")
        #expect(run.stdout == """
            \(file):11:13: question 2: key says 5, solver computes 6 (tolerance ≤ 1e-06 + 0.5%·|t|)
            verified 2 questions in 1 file: 1 mismatch, 0 invalid files

            """)

        let report = folder + "/report.xml"
        let junit = try Self.run(["verify", file, "--format", "junit", "--output", report])
        #expect(junit.status == 1)
        #expect(junit.stdout.isEmpty)
        let written = try String(contentsOfFile: report, encoding: .utf8)
        #expect(written.hasPrefix("<?xml"))
        #expect(written.contains("<failure message=\"question 2: key says 5, solver computes 6"))
    }

    @Test func missingPathExits66() throws {
        let run = try Self.run(["verify", "no-such-folder-for-nncheck"])
        #expect(run.status == 66)
        #expect(run.stderr == "no-such-folder-for-nncheck: no such file or directory\n")
        #expect(run.stdout.isEmpty)
    }
}
