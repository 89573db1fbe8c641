import Foundation
import Testing

/// The commands on the bundled randomised problem. Its course secret is the committed demo file
/// problems/secrets/NNCHECK_DEMO_SECRET; where a test sets the secret itself it uses the
/// environment variable NNCHECK_DEMO_SECRET with the fixed test value `test-secret`.
@Suite(.serialized) struct VariantCommandTests {
    static let problem = "problems/ece4179-mlp-variants.yaml"
    /// The environment without the problem's secret variable.
    static var cleanEnvironment: [String: String] {
        var e = ProcessInfo.processInfo.environment
        e["NNCHECK_DEMO_SECRET"] = nil
        return e
    }

    @Test func solveForAStudentIsDeterministicAndDiffersBetweenStudents() throws {
        let a = try NNCheckBinary.run(["solve", Self.problem, "--student", "31445179", "--format", "json"], environment: Self.cleanEnvironment)
        let b = try NNCheckBinary.run(["solve", Self.problem, "--student", "31445179", "--format", "json"], environment: Self.cleanEnvironment)
        let c = try NNCheckBinary.run(["solve", Self.problem, "--student", "31445180", "--format", "json"], environment: Self.cleanEnvironment)
        #expect(a.status == 0, "\(a.stderr)")
        #expect(a.stdout == b.stdout)
        #expect(a.stdout != c.stdout)
        let object = try JSONSerialization.jsonObject(with: Data(a.stdout.utf8)) as? [String: Any]
        #expect(object?["student"] as? String == "31445179")
        #expect((object?["values"] as? [String: Any])?.count == 10)
        // The committed key file has the same numbers.
        let keys = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: NNCheckBinary.root + "/sheets/ece4179-mlp-variants/keys.json"))) as? [String: Any]
        let first = (keys?["students"] as? [[String: Any]])?.first
        #expect(first?["student"] as? String == "31445179")
        #expect((first?["answers"] as? [String: Any])?["1.1"] as? Double == (object?["answers"] as? [String: Any])?["1.1"] as? Double)
    }

    @Test func theCommittedSheetsAreWhatVariantsWrites() throws {
        let out = try NNCheckBinary.temporaryFolder("sheets")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let run = try NNCheckBinary.run(["variants", Self.problem, "--roster", "rosters/ece4179-mlp-variants.csv", "--out", out],
                                        environment: Self.cleanEnvironment)
        #expect(run.status == 0, "\(run.stderr)")
        let committed = NNCheckBinary.root + "/sheets/ece4179-mlp-variants"
        let names = GradeCommandTests.files(in: out)
        #expect(names == ["31445179.md", "31445180.md", "31445181.md", "keys.json", "z5___connor__jr.md"])
        #expect(names == GradeCommandTests.files(in: committed), "regenerate with nncheck variants (README, bundled problems)")
        for name in names {
            #expect(FileManager.default.contents(atPath: out + "/" + name) == FileManager.default.contents(atPath: committed + "/" + name), "\(name)")
        }
        let sheet = try String(contentsOfFile: out + "/31445179.md", encoding: .utf8)
        #expect(sheet.contains("- Student: `31445179`"))
        #expect(!sheet.contains("0.627148"))   // no key on a sheet
    }

    @Test func aMissingSecretIsOneLineAndExit65() throws {
        let dir = try NNCheckBinary.temporaryFolder("nosecret")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.copyItem(atPath: NNCheckBinary.root + "/" + Self.problem, toPath: dir + "/p.yaml")
        let answers = NNCheckBinary.root + "/submissions/ece4179-mlp-variants/31445179.yaml"
        for arguments in [["check", "p.yaml", answers], ["solve", "p.yaml", "--student", "1"], ["grade", "p.yaml", NNCheckBinary.root + "/submissions/ece4179-mlp-variants", "--out", dir + "/out"]] {
            let run = try NNCheckBinary.run(arguments, in: dir, environment: Self.cleanEnvironment)
            #expect(run.status == 65, "\(arguments): \(run.stdout)\(run.stderr)")
            // The position is the randomize section's, where seed_secret_env names the variable.
            #expect(run.stderr == "p.yaml:44:3: the problem is randomised per student, and its course secret is not set: set the environment variable NNCHECK_DEMO_SECRET, or write the secret to secrets/NNCHECK_DEMO_SECRET\n", "\(run.stderr)")
        }
        // With the variable set the same check runs (another secret: other numbers, so not all correct).
        var environment = Self.cleanEnvironment
        environment["NNCHECK_DEMO_SECRET"] = "test-secret"
        let run = try NNCheckBinary.run(["check", "p.yaml", answers], in: dir, environment: environment)
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
    }

    @Test func checkGradesAgainstTheFilesStudentAndNeverMentionsCopying() throws {
        let own = try NNCheckBinary.run(["check", Self.problem, "submissions/ece4179-mlp-variants/31445179.yaml"], environment: Self.cleanEnvironment)
        #expect(own.status == 0, "\(own.stdout)\(own.stderr)")
        let copied = try NNCheckBinary.run(["check", Self.problem, "submissions/ece4179-mlp-variants/31445181-copied.yaml", "--format", "json"],
                                           environment: Self.cleanEnvironment)
        #expect(copied.status == 1)
        #expect(!copied.stdout.contains("variant of student"))
        #expect(!copied.stdout.contains("31445179"))
    }

    @Test func instructorReportsNameTheCopiedFile() throws {
        let out = try NNCheckBinary.temporaryFolder("instructor")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let run = try NNCheckBinary.run(["grade", Self.problem, "submissions/ece4179-mlp-variants", "--out", out, "--reveal-key", "--quiet"],
                                        environment: Self.cleanEnvironment)
        #expect(run.status == 0, "\(run.stderr)")
        let report = try String(contentsOfFile: out + "/ece4179-mlp-variants/31445181-copied.md", encoding: .utf8)
        #expect(report.contains("- **Possible copying**: answers match the variant of student 31445179 on "))
        let student = try String(contentsOfFile: NNCheckBinary.root + "/reports/ece4179-mlp-variants/31445181-copied.md", encoding: .utf8)
        #expect(!student.contains("copying"))
        let summary = try String(contentsOfFile: NNCheckBinary.root + "/reports/ece4179-mlp-variants/summary.md", encoding: .utf8)
        #expect(summary.contains("- `31445181-copied.yaml` (student 31445181): answers match the variant of student 31445179 on "))
    }
}
