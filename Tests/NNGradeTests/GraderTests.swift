import Testing
import NNCore
import NNProblem
import NNGrade
import TestSupport

/// Grading verdicts, scores and diagnoses on the bundled seed-000 problem.
@Suite struct GraderTests {
    /// The repository root.
    static var root: String { RepositoryRoot.path }

    static func grader(_ file: String = "ece4179-mlp.yaml", audience: Audience = .student) throws -> Grader {
        Grader(problem: try ProblemLoader.load(path: root + "/problems/" + file), audience: audience)
    }

    static func grade(_ yaml: String, file: String = "ece4179-mlp.yaml", audience: Audience = .student) throws -> SubmissionResult {
        let g = try grader(file, audience: audience)
        let submission = try SubmissionLoader.load(bytes: Array(yaml.utf8), file: "s.yaml")
        return g.grade(submission)
    }

    static func question(_ r: SubmissionResult, _ id: String) throws -> QuestionResult {
        try #require(r.questions.first { $0.id == id })
    }

    @Test func seedRoundedAnswersPassUnderDefaultTolerance() throws {
        let r = try Self.grade("""
            student: "31445179"
            answers:
              "1.1": 0.627
              "1.2": 0.987
              "1.3": 0.467
              "1.4-dL/dyhat": 2.682
              "1.4-dyhat/dz2": 0.234
              "1.4-grad": 0.251
              "1.4": -0.225
              "1.5": 0.1
            """)
        for id in ["1.1", "1.2", "1.3", "1.4-dL/dyhat", "1.4-dyhat/dz2", "1.4-grad", "1.4", "1.5"] {
            #expect(try Self.question(r, id).verdict == .correct, "\(id)")
        }
        #expect(try Self.question(r, "1.1-z1").verdict == .missing)
        #expect(r.earned == 14)   // 2+2+2+1+1+1+3+2 (z1, a1, z2 missing)
        #expect(r.possible == 17)
    }

    @Test func wrongAnswersAreNamedWithoutRevealingTheKey() throws {
        let r = try Self.grade("""
            student: s1
            answers:
              "1.4": 0.225
              "1.2": 0.4288
              "1.4-dL/dyhat": 5.364
              "1.1-a1": [0.4, 1.2, -0.1]
              "1.1": 0.52
            """)
        let sign = try Self.question(r, "1.4")
        #expect(sign.verdict == .incorrect && sign.diagnosis == "sign error")
        #expect(sign.expected == nil && sign.error == nil)
        #expect(!sign.message.contains("0.2250"))
        // −log10(1 − ŷ) = 0.98657/ln 10 = 0.42846
        #expect(try Self.question(r, "1.2").diagnosis == "log base 10 used instead of the natural log")
        #expect(try Self.question(r, "1.4-dL/dyhat").diagnosis == "off by a factor of 2 (a missing ½?)")
        let a1 = try Self.question(r, "1.1-a1")
        #expect(a1.verdict == .partial)
        #expect(a1.diagnosis == "the pre-activation z1 was given instead of the activation a1")
        #expect(abs(a1.earned - 2.0 / 3.0) < 1e-6)
        #expect(try Self.question(r, "1.1").diagnosis == "the output pre-activation z2 was given instead of ŷ")
    }

    @Test func instructorAudienceSeesExpectedValuesAndErrors() throws {
        let r = try Self.grade("student: s1\nanswers:\n  \"1.4\": 0.225\n", audience: .instructor)
        let q = try Self.question(r, "1.4")
        let expected = try #require(q.expected?.tensor?.scalarValue)
        #expect(abs(expected - (-0.2250859)) < 1e-6)
        let e = try #require(q.error)
        #expect(abs(e.error - 0.4500859) < 1e-6)
    }

    @Test func transposedAndMisshapedMatricesAreNamed() throws {
        // hw1-backprop's dL/dW1 is [[-160, -240], [112, 168]].
        let r = try Self.grade("""
            student: s2
            answers:
              "1.3c-W1": [[-160, 112], [-240, 168]]
              "1.1-drive": [[5], [7]]
              "1.1-activation": [25, 49, 0]
            """, file: "hw1-backprop.yaml")
        #expect(try Self.question(r, "1.3c-W1").verdict == .transposed)
        #expect(try Self.question(r, "1.3c-W1").earned == 0)
        #expect(try Self.question(r, "1.1-drive").verdict == .correct)   // a column vector is accepted
        #expect(try Self.question(r, "1.1-activation").verdict == .wrongShape)
    }

    @Test func anUpdateTakenWithTheStudentsOwnWrongGradientIsAnErrorCarriedForward() throws {
        // hw1-backprop: w12(1) = 3 before the step, η = 0.01. A wrong gradient of 50 gives
        // 3 − 0.01·50 = 2.5; with the key's gradient (−240) the update would be 5.4.
        let scalar = try Self.grade("""
            student: s1
            answers:
              "1.3c-w12(1)": 50
              "1.3d-w12(1)": 2.5
              "1.3d-w21(1)": 2.5
            """, file: "hw1-backprop.yaml")
        #expect(try Self.question(scalar, "1.3c-w12(1)").verdict == .incorrect)
        #expect(try Self.question(scalar, "1.3d-w12(1)").verdict == .incorrect)
        #expect(try Self.question(scalar, "1.3d-w12(1)").diagnosis
                == "follows correctly from your answer to 1.3c-w12(1) (an error carried forward)")
        // Another parameter's update is not explained by this gradient.
        #expect(try Self.question(scalar, "1.3d-w21(1)").diagnosis == nil)

        // cs5783-a2: W1 = [[0.15, 0.20], [0.25, 0.30]], α = 0.5; a made-up gradient
        // [[0.1, 0.2], [0.3, 0.4]] steps it to [[0.10, 0.10], [0.10, 0.10]].
        let matrix = try Self.grade("""
            student: s2
            answers:
              "1-reg-dW1": [[0.1, 0.2], [0.3, 0.4]]
              "1-reg-W1": [[0.10, 0.10], [0.10, 0.10]]
            """, file: "cs5783-a2.yaml")
        #expect(try Self.question(matrix, "1-reg-W1").diagnosis
                == "follows correctly from your answer to 1-reg-dW1 (an error carried forward)")

        // The same update without the gradient answer it came from is just wrong.
        let alone = try Self.grade("""
            student: s3
            answers:
              "1-reg-W1": [[0.10, 0.10], [0.10, 0.10]]
            """, file: "cs5783-a2.yaml")
        #expect(try Self.question(alone, "1-reg-W1").verdict == .incorrect)
        #expect(try Self.question(alone, "1-reg-W1").diagnosis == nil)
    }

    @Test func reluDerivativeAtZeroMistakeIsDiagnosed() throws {
        // A hidden ReLU unit with z = 0 exactly: with ReLU'(0) = 1 the first-layer gradient changes.
        let problem = try ProblemLoader.load(bytes: Array("""
            id: relu-zero
            network:
              layers:
                - {weights: [[1, -1], [2, 0]], activation: relu}
                - {weights: [[1, 1]], activation: identity}
            data: {x: [1, 1], y: 0}
            loss: half_sse
            training: {learning_rate: 0.1}
            questions:
              - {id: g, ask: dL/dW1}
            """.utf8), file: "p.yaml")
        let grader = Grader(problem: problem)
        // ŷ = relu(0) + relu(2) = 2, δ_out = 2; with ReLU'(0) = 1 the first row is [2, 2] instead of [0, 0].
        let wrong = try SubmissionLoader.load(bytes: Array("student: s\nanswers:\n  g: [[2, 2], [2, 2]]\n".utf8), file: "a.yaml")
        let q = try #require(grader.grade(wrong).questions.first)
        #expect(q.verdict == .partial)
        #expect(q.diagnosis == "ReLU'(0) taken as 1")
    }

    @Test func unreadableAndNonFiniteAnswersScoreZeroWithAPreciseMessage() throws {
        let r = try Self.grade("""
            student: s3
            answers:
              "1.1": about 0.6
              "1.2": .nan
              "1.3": "1e400"
              "1.4":
              "9.9": 1
            """)
        let q11 = try Self.question(r, "1.1")
        #expect(q11.verdict == .unparseable && q11.earned == 0)
        #expect(q11.message.hasPrefix("3:10: cannot read the answer"))
        #expect(try Self.question(r, "1.2").verdict == .notFinite)
        #expect(try Self.question(r, "1.2").message == "the answer is not a finite number")
        #expect(try Self.question(r, "1.3").message.contains("out of range"))
        #expect(try Self.question(r, "1.4").verdict == .missing)
        #expect(r.unknownQuestionIDs == ["9.9"])
    }

    @Test func wrongProblemIDMakesTheFileUngradable() throws {
        let r = try Self.grade("student: s\nproblem: other\nanswers: {}\n")
        #expect(!r.isGradable)
        #expect(r.ungradableReason?.contains("'other', not 'ece4179-mlp'") == true)
    }

    @Test func errorsCarriedForwardAreRecognised() throws {
        // ŷ given as 0.7 (wrong); the loss −ln(1 − 0.7) = 1.204 is consistent with it.
        let r = try Self.grade("student: s\nanswers:\n  \"1.1\": 0.7\n  \"1.2\": 1.204\n  \"1.4-dL/dyhat\": 3.333\n")
        #expect(try Self.question(r, "1.2").verdict == .incorrect)
        #expect(try Self.question(r, "1.2").diagnosis == "follows correctly from your answer to 1.1 (an error carried forward)")
        #expect(try Self.question(r, "1.4-dL/dyhat").diagnosis == "follows correctly from your answer to 1.1 (an error carried forward)")
    }

    @Test func toleranceOverrideAppliesToEveryQuestion() throws {
        let problem = try ProblemLoader.load(path: Self.root + "/problems/ece4179-mlp.yaml")
        let strict = Grader(problem: problem, toleranceOverride: .absolute(1e-6))
        let s = try SubmissionLoader.load(bytes: Array("student: s\nanswers:\n  \"1.1\": 0.627\n".utf8), file: "a.yaml")
        #expect(strict.grade(s).questions.first { $0.id == "1.1" }?.verdict == .incorrect)
    }
}
