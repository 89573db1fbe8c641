import Testing
import NNCore
import NNProblem
import NNGrade
import NNFiles

/// The verdict of every question of every bundled submission: the seed write-ups' own answers
/// and each crafted mistake (see submissions/README.md, where every expected verdict was worked
/// out independently from the tolerance rules).
@Suite struct BundledSubmissionVerdictTests {
    struct Expectation: Sendable, CustomTestStringConvertible {
        var problem: String
        var file: String
        var total: Double?
        var notCorrect: [String: Verdict]
        var diagnoses: [String: String]
        var ungradable: String?

        init(_ problem: String, _ file: String, total: Double, notCorrect: [String: Verdict], diagnoses: [String: String]) {
            self.problem = problem
            self.file = file
            self.total = total
            self.notCorrect = notCorrect
            self.diagnoses = diagnoses
        }

        init(_ problem: String, _ file: String, ungradable: String) {
            self.problem = problem
            self.file = file
            self.notCorrect = [:]
            self.diagnoses = [:]
            self.ungradable = ungradable
        }

        var testDescription: String { "\(problem)/\(file)" }
    }

    static let expectations: [Expectation] = [
        Expectation("cs2109s-t7", "missing-half.yaml", total: 12.333333, notCorrect: ["A.3": .incorrect, "A.4": .partial, "A.5": .partial], diagnoses: ["A.3": "squared error taken as Σ(ŷ−y)² (a missing ½?)", "A.4": "squared error taken as Σ(ŷ−y)² (a missing ½?)", "A.5": "squared error taken as Σ(ŷ−y)² (a missing ½?)"]),
        Expectation("cs2109s-t7", "perfect.yaml", total: 16, notCorrect: [:], diagnoses: [:]),
        Expectation("cs2109s-t7", "ragged-matrix.yaml", total: 14, notCorrect: ["A.4": .unparseable], diagnoses: [:]),
        Expectation("cs2109s-t7", "seed-answers.yaml", total: 12, notCorrect: ["A.4": .missing, "A.5": .missing], diagnoses: [:]),
        Expectation("cs2109s-t7", "sign-error.yaml", total: 13.333333, notCorrect: ["A.4": .partial, "A.5": .partial, "C.1b": .incorrect], diagnoses: ["A.4": "sign error", "A.5": "sign error", "C.1b": "sign error"]),
        Expectation("cs2109s-t7", "transposed-gradient.yaml", total: 12, notCorrect: ["A.4": .transposed, "A.5": .transposed], diagnoses: [:]),
        Expectation("cs2109s-t7", "wrong-problem.yaml", ungradable: "the answer file is for problem 'cs2109s-t8', not '"),
        Expectation("cs5783-a2", "batch-sum.yaml", total: 3, notCorrect: ["1-reg-loss": .incorrect, "1-reg-dW2": .incorrect, "1-reg-db2": .incorrect, "1-reg-dW1": .incorrect, "1-reg-w5": .incorrect, "1-reg-W1": .incorrect, "1-reg-loss-after": .incorrect, "1-reg-loss-10": .missing, "1-clf-loss": .incorrect, "1-clf-dW2": .incorrect, "1-clf-db2": .incorrect, "1-clf-dW1": .incorrect, "1-clf-w1": .incorrect], diagnoses: ["1-reg-loss": "the loss was summed over the batch instead of averaged", "1-reg-dW2": "the loss was summed over the batch instead of averaged", "1-reg-db2": "the loss was summed over the batch instead of averaged", "1-reg-dW1": "the loss was summed over the batch instead of averaged", "1-reg-w5": "the learning rate was left out of the update (η = 1)", "1-reg-W1": "the learning rate was left out of the update (η = 1)", "1-reg-loss-after": "the learning rate was left out of the update (η = 1)", "1-clf-loss": "the loss was summed over the batch instead of averaged", "1-clf-dW2": "the loss was summed over the batch instead of averaged", "1-clf-db2": "the loss was summed over the batch instead of averaged", "1-clf-dW1": "the loss was summed over the batch instead of averaged", "1-clf-w1": "the learning rate was left out of the update (η = 1)"]),
        Expectation("cs5783-a2", "json-student.json", total: 18, notCorrect: [:], diagnoses: [:]),
        Expectation("cs5783-a2", "no-learning-rate.yaml", total: 14, notCorrect: ["1-reg-w5": .incorrect, "1-reg-W1": .incorrect, "1-reg-loss-after": .incorrect, "1-clf-w1": .incorrect], diagnoses: ["1-reg-w5": "the learning rate was left out of the update (η = 1)", "1-reg-W1": "the learning rate was left out of the update (η = 1)", "1-reg-loss-after": "the learning rate was left out of the update (η = 1)", "1-clf-w1": "the learning rate was left out of the update (η = 1)"]),
        Expectation("cs5783-a2", "seed-answers.yaml", total: 15, notCorrect: ["1-reg-loss": .missing, "1-reg-loss-after": .missing, "1-reg-loss-10": .missing], diagnoses: [:]),
        Expectation("cs5783-a2", "transposed-gradient.yaml", total: 14, notCorrect: ["1-reg-dW1": .transposed, "1-clf-dW1": .transposed], diagnoses: [:]),
        Expectation("dsga1008-hw1", "early-rounding.yaml", total: 21.25, notCorrect: ["1.3.A-yhat": .partial, "1.3.A-dyhat/dz3": .partial, "1.3.A-W1": .incorrect, "1.3.B-loss": .incorrect, "1.3.B-dL/dyhat": .incorrect, "1.3.B-delta2": .incorrect], diagnoses: [:]),
        Expectation("dsga1008-hw1", "empty.yaml", ungradable: "empty document: the file contains no YAML content"),
        Expectation("dsga1008-hw1", "missed-path.yaml", total: 1, notCorrect: ["1.2.B-z1": .missing, "1.2.B-z2": .missing, "1.2.B-z3": .missing, "1.2.B-loss": .missing, "1.2.D.A": .missing, "1.2.D.B": .missing, "1.2.D.C": .missing, "1.2.C-W1": .missing, "1.2.C-b1": .missing, "1.2.C-W2": .missing, "1.2.C-b2": .missing, "1.2.A-step": .missing, "1.3.A-yhat": .missing, "1.3.A-loss": .missing, "1.3.A-dyhat/dz3": .missing, "1.3.A-W1": .missing, "1.3.B-loss": .missing, "1.3.B-dL/dyhat": .missing, "1.3.B-delta2": .missing, "1.4B-dw/dx": .incorrect, "1.4B-dw/dy": .incorrect, "1.4B-dw/dz": .incorrect, "1.4B-dw/da": .incorrect], diagnoses: ["1.4B-dw/dy": "off by a factor of ½ (an extra ½?)", "1.4B-dw/dz": "off by a factor of ½ (an extra ½?)", "1.4B-dw/da": "off by a factor of ½ (an extra ½?)"]),
        Expectation("dsga1008-hw1", "partial-missing.yaml", total: 14, notCorrect: ["1.3.A-yhat": .missing, "1.3.A-loss": .missing, "1.3.A-dyhat/dz3": .missing, "1.3.A-W1": .missing, "1.3.B-loss": .missing, "1.3.B-dL/dyhat": .missing, "1.3.B-delta2": .missing, "1.4B-w": .missing, "1.4B-dw/dx": .missing, "1.4B-dw/dy": .missing, "1.4B-dw/dz": .missing, "1.4B-dw/da": .missing], diagnoses: [:]),
        Expectation("dsga1008-hw1", "perfect.yaml", total: 26, notCorrect: [:], diagnoses: [:]),
        Expectation("dsga1008-hw1", "seed-answers.yaml", total: 19, notCorrect: ["1.2.D.C": .transposed, "1.3.B-delta2": .missing, "1.4B-w": .missing, "1.4B-dw/dx": .missing, "1.4B-dw/dy": .missing, "1.4B-dw/dz": .missing, "1.4B-dw/da": .missing], diagnoses: [:]),
        Expectation("dsga1008-hw1", "sign-error.yaml", total: 17, notCorrect: ["1.2.D.A": .incorrect, "1.2.C-W1": .partial, "1.2.C-b1": .partial, "1.2.C-W2": .partial, "1.2.C-b2": .incorrect, "1.2.A-step": .partial, "1.3.A-W1": .incorrect, "1.3.B-dL/dyhat": .incorrect, "1.3.B-delta2": .incorrect], diagnoses: ["1.2.D.A": "sign error", "1.2.C-W1": "sign error", "1.2.C-b1": "sign error", "1.2.C-W2": "sign error", "1.2.C-b2": "sign error", "1.2.A-step": "gradient ascent: the update adds η·∂L/∂θ instead of subtracting it", "1.3.A-W1": "sign error", "1.3.B-dL/dyhat": "sign error", "1.3.B-delta2": "sign error"]),
        Expectation("dsga1008-hw1", "transposed-gradient.yaml", total: 21, notCorrect: ["1.2.C-W1": .transposed, "1.2.C-W2": .transposed, "1.3.A-W1": .transposed], diagnoses: [:]),
        Expectation("ece4179-activation", "ignored-plateau.yaml", total: 4, notCorrect: ["2.1": .incorrect, "2.6": .incorrect, "2.7": .incorrect], diagnoses: [:]),
        Expectation("ece4179-activation", "nan-answers.yaml", total: 5, notCorrect: ["2.1": .notFinite, "2.2": .notFinite], diagnoses: [:]),
        Expectation("ece4179-activation", "perfect.yaml", total: 7, notCorrect: [:], diagnoses: [:]),
        Expectation("ece4179-activation", "seed-answers.yaml", total: 2, notCorrect: ["2.2": .missing, "2.3": .missing, "2.4": .missing, "2.5": .missing, "2.6": .missing], diagnoses: [:]),
        Expectation("ece4179-activation", "sign-error.yaml", total: 5, notCorrect: ["2.3": .incorrect, "2.4": .incorrect], diagnoses: [:]),
        Expectation("ece4179-activation", "truncated.yaml", total: 6, notCorrect: ["2.3": .incorrect], diagnoses: [:]),
        Expectation("ece4179-activation", "two-sig-figs.yaml", total: 2, notCorrect: ["2.1": .incorrect, "2.2": .incorrect, "2.3": .incorrect, "2.5": .incorrect, "2.7": .incorrect], diagnoses: [:]),
        Expectation("ece4179-mlp", "bad-syntax.yaml", ungradable: "YAML syntax error: did not find expected ',' or ']"),
        Expectation("ece4179-mlp", "early-rounding.yaml", total: 10, notCorrect: ["1.3": .incorrect, "1.4-dL/dyhat": .incorrect, "1.4-dyhat/dz2": .incorrect, "1.4": .incorrect], diagnoses: [:]),
        Expectation("ece4179-mlp", "gradient-ascent.yaml", total: 14, notCorrect: ["1.4": .incorrect], diagnoses: ["1.4": "gradient ascent: the update adds η·∂L/∂θ instead of subtracting it"]),
        Expectation("ece4179-mlp", "log10-bce.yaml", total: 8, notCorrect: ["1.2": .incorrect, "1.3": .incorrect, "1.4-dL/dyhat": .incorrect, "1.4-grad": .incorrect, "1.4": .incorrect], diagnoses: ["1.2": "log base 10 used instead of the natural log", "1.3": "log base 10 used instead of the natural log", "1.4": "follows correctly from your answer to 1.4-grad (an error carried forward)"]),
        Expectation("ece4179-mlp", "not-a-number.yaml", total: 15, notCorrect: ["1.1": .unparseable], diagnoses: [:]),
        Expectation("ece4179-mlp", "partial-missing.yaml", total: 7, notCorrect: ["1.3": .missing, "1.4-dL/dyhat": .missing, "1.4-dyhat/dz2": .missing, "1.4-grad": .missing, "1.4": .missing, "1.5": .missing], diagnoses: [:]),
        Expectation("ece4179-mlp", "perfect.yaml", total: 17, notCorrect: [:], diagnoses: [:]),
        Expectation("ece4179-mlp", "row-vector.yaml", total: 17, notCorrect: [:], diagnoses: [:]),
        Expectation("ece4179-mlp", "seed-answers.yaml", total: 17, notCorrect: [:], diagnoses: [:]),
        Expectation("ece4179-mlp", "sign-error.yaml", total: 12, notCorrect: ["1.4-dL/dyhat": .incorrect, "1.4-grad": .incorrect, "1.4": .incorrect], diagnoses: ["1.4-dL/dyhat": "sign error", "1.4-grad": "sign error", "1.4": "gradient ascent: the update adds η·∂L/∂θ instead of subtracting it"]),
        Expectation("hw1-backprop", "duplicate-keys.yaml", ungradable: "duplicate key '1.3a': it is already defined on lin"),
        Expectation("hw1-backprop", "missing-half.yaml", total: 5, notCorrect: ["1.3a": .incorrect, "1.3-delta2": .incorrect, "1.3-delta1": .incorrect, "1.3c-w11(2)": .incorrect, "1.3c-w12(2)": .incorrect, "1.3c-w11(1)": .incorrect, "1.3c-w12(1)": .incorrect, "1.3c-w21(1)": .incorrect, "1.3c-w22(1)": .incorrect, "1.3c-W1": .incorrect, "1.3d-w11(2)": .incorrect, "1.3d-w12(2)": .incorrect, "1.3d-w11(1)": .incorrect, "1.3d-w12(1)": .incorrect, "1.3d-w21(1)": .incorrect, "1.3d-w22(1)": .incorrect], diagnoses: ["1.3a": "squared error taken as Σ(ŷ−y)² (a missing ½?)", "1.3-delta2": "squared error taken as Σ(ŷ−y)² (a missing ½?)", "1.3-delta1": "squared error taken as Σ(ŷ−y)² (a missing ½?)", "1.3c-w11(2)": "squared error taken as Σ(ŷ−y)² (a missing ½?)", "1.3c-w12(2)": "squared error taken as Σ(ŷ−y)² (a missing ½?)", "1.3c-w11(1)": "squared error taken as Σ(ŷ−y)² (a missing ½?)", "1.3c-w12(1)": "squared error taken as Σ(ŷ−y)² (a missing ½?)", "1.3c-w21(1)": "squared error taken as Σ(ŷ−y)² (a missing ½?)", "1.3c-w22(1)": "squared error taken as Σ(ŷ−y)² (a missing ½?)", "1.3c-W1": "squared error taken as Σ(ŷ−y)² (a missing ½?)", "1.3d-w11(2)": "squared error taken as Σ(ŷ−y)² (a missing ½?)", "1.3d-w12(2)": "squared error taken as Σ(ŷ−y)² (a missing ½?)", "1.3d-w11(1)": "squared error taken as Σ(ŷ−y)² (a missing ½?)", "1.3d-w12(1)": "squared error taken as Σ(ŷ−y)² (a missing ½?)", "1.3d-w21(1)": "squared error taken as Σ(ŷ−y)² (a missing ½?)", "1.3d-w22(1)": "squared error taken as Σ(ŷ−y)² (a missing ½?)"]),
        Expectation("hw1-backprop", "no-answers.yaml", ungradable: "the answer file has no 'answers' mapping"),
        Expectation("hw1-backprop", "no-learning-rate.yaml", total: 17, notCorrect: ["1.3d-w11(2)": .incorrect, "1.3d-w12(2)": .incorrect, "1.3d-w11(1)": .incorrect, "1.3d-w12(1)": .incorrect, "1.3d-w21(1)": .incorrect, "1.3d-w22(1)": .incorrect], diagnoses: ["1.3d-w11(2)": "the learning rate was left out of the update (η = 1)", "1.3d-w12(2)": "the learning rate was left out of the update (η = 1)", "1.3d-w11(1)": "the learning rate was left out of the update (η = 1)", "1.3d-w12(1)": "the learning rate was left out of the update (η = 1)", "1.3d-w21(1)": "the learning rate was left out of the update (η = 1)", "1.3d-w22(1)": "the learning rate was left out of the update (η = 1)"]),
        Expectation("hw1-backprop", "perfect.yaml", total: 23, notCorrect: [:], diagnoses: [:]),
        Expectation("hw1-backprop", "seed-answers.yaml", total: 21, notCorrect: ["1.3c-W1": .missing], diagnoses: [:]),
        Expectation("hw1-backprop", "sign-error.yaml", total: 7, notCorrect: ["1.3-delta2": .incorrect, "1.3-delta1": .incorrect, "1.3c-w11(2)": .incorrect, "1.3c-w12(2)": .incorrect, "1.3c-w11(1)": .incorrect, "1.3c-w12(1)": .incorrect, "1.3c-w21(1)": .incorrect, "1.3c-w22(1)": .incorrect, "1.3c-W1": .incorrect, "1.3d-w11(2)": .incorrect, "1.3d-w12(2)": .incorrect, "1.3d-w11(1)": .incorrect, "1.3d-w12(1)": .incorrect, "1.3d-w21(1)": .incorrect, "1.3d-w22(1)": .incorrect], diagnoses: ["1.3-delta2": "sign error", "1.3-delta1": "sign error", "1.3c-w11(2)": "sign error", "1.3c-w12(2)": "sign error", "1.3c-w11(1)": "sign error", "1.3c-w12(1)": "sign error", "1.3c-w21(1)": "sign error", "1.3c-w22(1)": "sign error", "1.3c-W1": "sign error", "1.3d-w11(2)": "gradient ascent: the update adds η·∂L/∂θ instead of subtracting it", "1.3d-w12(2)": "gradient ascent: the update adds η·∂L/∂θ instead of subtracting it", "1.3d-w11(1)": "gradient ascent: the update adds η·∂L/∂θ instead of subtracting it", "1.3d-w12(1)": "gradient ascent: the update adds η·∂L/∂θ instead of subtracting it", "1.3d-w21(1)": "gradient ascent: the update adds η·∂L/∂θ instead of subtracting it", "1.3d-w22(1)": "gradient ascent: the update adds η·∂L/∂θ instead of subtracting it"]),
        Expectation("hw1-backprop", "transposed-gradient.yaml", total: 17, notCorrect: ["1.3c-w12(1)": .incorrect, "1.3c-w21(1)": .incorrect, "1.3c-W1": .transposed, "1.3d-w12(1)": .incorrect, "1.3d-w21(1)": .incorrect], diagnoses: ["1.3d-w12(1)": "follows correctly from your answer to 1.3c-w12(1) (an error carried forward)", "1.3d-w21(1)": "follows correctly from your answer to 1.3c-w21(1) (an error carried forward)"]),
    ]

    @Test(arguments: expectations)
    func verdicts(_ e: Expectation) throws {
        let problem = try ProblemLoader.load(path: GraderTests.root + "/problems/\(e.problem).yaml")
        let grader = BatchGrader(grader: Grader(problem: problem))
        let result = grader.gradeFile(path: GraderTests.root + "/submissions/\(e.problem)/\(e.file)", displayName: e.file)
        if let reason = e.ungradable {
            #expect(!result.isGradable)
            #expect(result.ungradableReason?.contains(reason) == true, "\(result.ungradableReason ?? "graded")")
            return
        }
        #expect(result.isGradable, "\(result.ungradableReason ?? "")")
        for q in result.questions {
            #expect(q.verdict == (e.notCorrect[q.id] ?? .correct), "question \(q.id): \(q.message)")
            #expect(q.diagnosis == e.diagnoses[q.id], "question \(q.id)")
        }
        #expect(abs(result.earned - (e.total ?? -1)) < 1e-5)
    }

    @Test func everyBundledSubmissionHasAnExpectation() throws {
        for problem in ["cs2109s-t7", "cs5783-a2", "dsga1008-hw1", "ece4179-activation", "ece4179-mlp", "hw1-backprop"] {
            let files = try BatchGrader.submissionFiles(in: GraderTests.root + "/submissions/" + problem)
            let listed = Self.expectations.filter { $0.problem == problem }.map(\.file).sorted()
            #expect(files == listed, "\(problem)")
        }
    }
}
