import Foundation
import Testing

/// Runs the built binary on the bundled problems and submissions.
@Suite(.serialized) struct GradeCommandTests {
    static let problems = ["cs2109s-t7", "cs5783-a2", "dsga1008-hw1", "ece4179-activation", "ece4179-mlp", "ece4179-mlp-variants", "hw1-backprop"]

    static func files(in folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    /// The committed reports/ are golden files: regenerating them gives the same bytes.
    @Test(arguments: problems)
    func regeneratedReportsMatchTheCommittedOnes(problem: String) throws {
        let out = try NNCheckBinary.temporaryFolder("golden")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let run = try NNCheckBinary.run(["grade", "problems/\(problem).yaml", "submissions/\(problem)", "--out", out, "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let submissions = Self.files(in: NNCheckBinary.root + "/submissions/\(problem)")
        let produced = Self.files(in: out + "/" + problem)
        let committed = Self.files(in: NNCheckBinary.root + "/reports/\(problem)")
        // N submissions in: N Markdown and N JSON reports out, plus the batch files.
        #expect(produced.count == 2 * submissions.count + 3)
        #expect(produced == committed, "regenerate with `swift run nncheck grade` and review the diff")
        for name in produced where committed.contains(name) {
            let a = FileManager.default.contents(atPath: out + "/" + problem + "/" + name)
            let b = FileManager.default.contents(atPath: NNCheckBinary.root + "/reports/\(problem)/" + name)
            #expect(a == b, "reports/\(problem)/\(name) differs from a fresh run")
        }
        // The gradebook has one row per submission.
        let csv = try String(contentsOfFile: out + "/" + problem + "/gradebook.csv", encoding: .utf8)
        #expect(csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == submissions.count + 1)
    }

    @Test func defaultGradeRunsOnTheBundledExamples() throws {
        // Run in a copy of the repository layout so the committed reports are not touched.
        let dir = try NNCheckBinary.temporaryFolder("default")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for sub in ["problems", "submissions"] {
            try FileManager.default.copyItem(atPath: NNCheckBinary.root + "/" + sub, toPath: dir + "/" + sub)
        }
        let run = try NNCheckBinary.run(["grade"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        for p in Self.problems {
            #expect(run.stdout.contains("\(p): "), "no line for \(p)")
            #expect(FileManager.default.fileExists(atPath: dir + "/reports/\(p)/gradebook.csv"))
        }
    }

    @Test func checkExitsZeroOnlyWhenEverythingIsCorrect() throws {
        let perfect = try NNCheckBinary.run(["check", "problems/ece4179-mlp.yaml", "submissions/ece4179-mlp/perfect.yaml"])
        #expect(perfect.status == 0, "\(perfect.stdout)\(perfect.stderr)")
        #expect(!perfect.stdout.contains("\u{1B}["))   // not a terminal: no colour
        let wrong = try NNCheckBinary.run(["check", "problems/ece4179-mlp.yaml", "submissions/ece4179-mlp/sign-error.yaml"])
        #expect(wrong.status == 1)
        #expect(wrong.stdout.contains("sign error"))
        let broken = try NNCheckBinary.run(["check", "problems/ece4179-mlp.yaml", "submissions/ece4179-mlp/bad-syntax.yaml"])
        #expect(broken.status == 65)
        #expect(broken.stdout.contains("bad-syntax.yaml:"))
    }

    @Test func solvePrintsTheKeyAsJSON() throws {
        let run = try NNCheckBinary.run(["solve", "problems/hw1-backprop.yaml", "--format", "json"])
        #expect(run.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        #expect(object?["problem"] as? String == "hw1-backprop")
        let answers = object?["answers"] as? [String: Any]
        #expect(answers?["1.3a"] as? Double == 2)
        #expect(answers?["1.3-delta1"] as? [Double] == [-80, 56])
        #expect(answers?["1.3c-W1"] as? [[Double]] == [[-160, -240], [112, 168]])
    }

    @Test func solveStepsShowTheWorkedComputation() throws {
        let run = try NNCheckBinary.run(["solve", "problems/ece4179-mlp.yaml", "--steps"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("z₁ = W₁x = (0.4, 1.2, -0.1)ᵀ"))
        #expect(run.stdout.contains("a₂ = sigmoid(z₂) = 0.627148 = ŷ"))
    }

    @Test func templateListsEveryQuestionAndChecksAsMissing() throws {
        let dir = try NNCheckBinary.temporaryFolder("template")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = try NNCheckBinary.run(["template", "problems/cs2109s-t7.yaml"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("\"A.4\":"))
        #expect(run.stdout.contains("a 3×2 matrix"))
        let filled = run.stdout.replacingOccurrences(of: "student: \"\"", with: "student: \"t1\"")
        try filled.write(toFile: dir + "/t.yaml", atomically: true, encoding: .utf8)
        let check = try NNCheckBinary.run(["check", "problems/cs2109s-t7.yaml", dir + "/t.yaml"])
        #expect(check.status == 1)
        #expect(check.stdout.contains("0 of 21 questions correct"))  // 13 numeric, 3 text, 5 manual
    }

    @Test func invalidProblemFileExits65WithOneLocatedLine() throws {
        let dir = try NNCheckBinary.temporaryFolder("invalid")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "id: p\nnetwork:\n  layers:\n    - {weights: [[1, 2]], activation: nope}\nquestions: []\n"
            .write(toFile: dir + "/p.yaml", atomically: true, encoding: .utf8)
        let run = try NNCheckBinary.run(["solve", dir + "/p.yaml"])
        #expect(run.status == 65)
        #expect(run.stderr.hasPrefix(dir + "/p.yaml:4:"))
        #expect(run.stderr.filter { $0 == "\n" }.count == 1)
        let missing = try NNCheckBinary.run(["solve", dir + "/nope.yaml"])
        #expect(missing.status == 66)
    }
}
