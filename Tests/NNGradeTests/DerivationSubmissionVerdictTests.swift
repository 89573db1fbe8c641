import Testing
import NNCore
import NNProblem
import NNGrade
import NNFiles

/// The verdict and diagnosis of every question of every bundled submission to the derivation
/// problems (formula, function and network questions): the seeds' own derivations and the
/// crafted mistakes, as each file's header comment works them out.
@Suite struct DerivationSubmissionVerdictTests {
    struct Expectation: Sendable, CustomTestStringConvertible {
        var problem: String
        var file: String
        var total: Double
        /// Verdicts of the questions that are not correct (answered or not).
        var notCorrect: [String: Verdict]
        var diagnoses: [String: String]
        var testDescription: String { "\(problem)/\(file)" }
    }

    static let star = "a matrix product (*) where the element-wise product (.*) belongs"

    static let expectations: [Expectation] = [
        Expectation(problem: "cs2109s-t7-derivations", file: "designed-badly.yaml", total: 1,
                    notCorrect: ["B.3": .incorrect, "C.1a": .missing, "C.1b": .missing, "C.1c": .missing], diagnoses: [:]),
        Expectation(problem: "cs2109s-t7-derivations", file: "mistakes.yaml", total: 0,
                    notCorrect: ["B.1": .incorrect, "B.3": .wrongShape, "C.1a": .incorrect, "C.1b": .incorrect, "C.1c": .unparseable],
                    diagnoses: ["C.1a": "sign error", "C.1b": "a factor of 2 too large"]),
        Expectation(problem: "cs2109s-t7-derivations", file: "seed-answers.yaml", total: 5, notCorrect: [:], diagnoses: [:]),
        Expectation(problem: "cs5783-a2-derivations", file: "mistakes.yaml", total: 0,
                    notCorrect: ["1-dw3": .transposed, "1-db3": .incorrect, "1-dw2": .incorrect, "1-db2": .incorrect, "1-dw1": .unparseable],
                    diagnoses: ["1-db3": "sign error",
                                "1-dw2": "missing activation derivative: the derivative of layer 2's sigmoid is left out",
                                "1-db2": "g used where its derivative g′ belongs"]),
        Expectation(problem: "cs5783-a2-derivations", file: "perfect.yaml", total: 7, notCorrect: [:], diagnoses: [:]),
        Expectation(problem: "cs5783-a2-derivations", file: "seed-answers.yaml", total: 2,
                    notCorrect: ["1-dw2": .wrongShape, "1-db2": .wrongShape, "1-dw1": .wrongShape],
                    diagnoses: ["1-dw2": star, "1-db2": star]),
        Expectation(problem: "dsga1008-hw1-derivations", file: "mistakes.yaml", total: 0,
                    notCorrect: ["1.2.B-z1": .missing, "1.2.B-z2": .missing, "1.2.B-z3": .missing, "1.2.C-W2": .wrongShape,
                                 "1.2.C-b1": .wrongShape, "1.2.C-W1": .incorrect, "1.2.D.A": .incorrect, "1.2.D.B": .missing,
                                 "1.2.D.C": .missing, "1.3.A-dyhat/dz3": .wrongShape, "1.3.A-W1": .incorrect,
                                 "1.3.B-dL/dyhat": .missing, "1.3.B-delta2": .incorrect, "1.4.C-relu": .missing,
                                 "1.4.C-leaky": .missing, "1.4.C-softplus": .incorrect, "1.4.C-gelu": .unparseable],
                    diagnoses: ["1.2.C-b1": star,
                                "1.2.C-W1": "missing activation derivative: the derivative of layer 1's 5*relu(x) is left out",
                                "1.2.D.A": "a factor of ½ (half the right value)",
                                "1.3.A-W1": "sigmoid used where its derivative sigmoid′ belongs",
                                "1.3.B-delta2": "an extra factor of K"]),
        Expectation(problem: "dsga1008-hw1-derivations", file: "perfect.yaml", total: 19, notCorrect: [:], diagnoses: [:]),
        Expectation(problem: "dsga1008-hw1-derivations", file: "seed-answers.yaml", total: 12,
                    notCorrect: ["1.2.D.C": .transposed, "1.3.B-dL/dyhat": .incorrect, "1.3.B-delta2": .missing,
                                 "1.4.C-relu": .missing, "1.4.C-leaky": .missing, "1.4.C-softplus": .missing, "1.4.C-gelu": .missing],
                    diagnoses: [:]),
        Expectation(problem: "ece4179-activation-derivations", file: "one-pass.yaml", total: 0, notCorrect: ["2.limit": .incorrect], diagnoses: [:]),
        Expectation(problem: "ece4179-activation-derivations", file: "seed-answers.yaml", total: 1, notCorrect: [:], diagnoses: [:]),
    ]

    @Test(arguments: expectations)
    func verdicts(_ e: Expectation) throws {
        let problem = try ProblemLoader.load(path: GraderTests.root + "/problems/\(e.problem).yaml")
        let grader = BatchGrader(grader: Grader(gradable: try GradableProblem(problem: problem)))
        let result = grader.gradeFile(path: GraderTests.root + "/submissions/\(e.problem)/\(e.file)", displayName: e.file)
        #expect(result.isGradable, "\(result.ungradableReason ?? "")")
        for q in result.questions {
            #expect(q.verdict == (e.notCorrect[q.id] ?? .correct), "question \(q.id): \(q.message)")
            #expect(q.diagnosis == e.diagnoses[q.id], "question \(q.id): \(q.diagnosis ?? "none")")
        }
        #expect(abs(result.earned - e.total) < 1e-9)
    }

    @Test func everyDerivationSubmissionHasAnExpectation() throws {
        for problem in Set(Self.expectations.map(\.problem)) {
            let files = try BatchGrader.submissionFiles(in: GraderTests.root + "/submissions/" + problem)
            #expect(files == Self.expectations.filter { $0.problem == problem }.map(\.file).sorted(), "\(problem)")
        }
    }

    /// The messages name what the issue asks for: the shapes, the worst point, the allowed names.
    @Test func messagesNameShapesPointsAndSymbols() throws {
        let problem = try ProblemLoader.load(path: GraderTests.root + "/problems/cs2109s-t7-derivations.yaml")
        let grader = BatchGrader(grader: Grader(gradable: try GradableProblem(problem: problem)))
        let mistakes = grader.gradeFile(path: GraderTests.root + "/submissions/cs2109s-t7-derivations/mistakes.yaml", displayName: "m")
        let byID = Dictionary(uniqueKeysWithValues: mistakes.questions.map { ($0.id, $0) })
        #expect(byID["B.3"]?.message == "W2 should be 3×1 (inputs + 1 rows × units columns, in_out layout); yours is 2×1")
        #expect(byID["C.1c"]?.message == "column 10 of the formula: unknown symbol 'x_2'; allowed: delta1, x, y, y_hat")
        let bad = grader.gradeFile(path: GraderTests.root + "/submissions/cs2109s-t7-derivations/designed-badly.yaml", displayName: "b")
        // W1 = [[-1, 1], [1, 1]]: hidden units relu(x − 1) and relu(x + 1), so the output is 2x for
        // x ≥ 1 against x − 1. Errors count relative to max(1, |t|): (x + 1)/max(1, x − 1) peaks
        // at x = 2, and the grid point nearest below it, 1.98, gives 3.96 against 0.98.
        let b3 = try #require(bad.questions.first { $0.id == "B.3" })
        #expect(b3.message.hasSuffix("worst at x = 1.98: your network gives 3.96, the target is 0.98"), "\(b3.message)")
        // Student mode never prints the reference formula, nor (without show_key) the key's value.
        for q in mistakes.questions where q.id.hasPrefix("C.1") {
            #expect(!q.message.contains("y_hat - y") && !q.message.contains("the key is"), "\(q.message)")
        }
    }
}
