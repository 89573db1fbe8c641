import NNCore
import NNProblem
import NNYAML

/// A kind of question (numeric, choice, text, manual, …): how its key is read from the problem
/// file, how a student's answer to it is read, and how that answer is graded.
///
/// Each kind is one type in one file under `Kinds/`, registered once in `QuestionKinds.registered`.
/// Everything else (the grader, reports, gradebooks, the class summary, platform exports,
/// `template` and `verify`) works through this interface and never looks at the kind's name.
public protocol QuestionKind: Sendable {
    /// A student's answer once read.
    associatedtype Answer: Sendable

    /// The name written as `kind:` in the problem file.
    static var name: String { get }

    /// Reads a question of this kind: its own keys and its key (the expected answer), computed
    /// or checked with the solver's key where the kind can. Errors are `file:line:column`.
    init(_ declaration: QuestionDeclaration, context: KindContext) throws(InputError)

    /// The question as declared (id, text, points, …).
    var declaration: QuestionDeclaration { get }

    /// What the answer should look like, for the fill-in template: "asks y_hat: a number".
    var answerHint: String { get }

    /// Reads the student's answer to this question (nil in `answers` when none was given).
    func answer(in submission: Submission) -> Answer

    /// Grades an answer into an outcome.
    func grade(_ answer: Answer, context: inout GradingContext) -> QuestionResult

    /// What `nncheck verify` finds about this question's key: mismatches (errors) and notes.
    func verify(requireKeys: Bool) -> [VerificationReport.Finding]

    /// Whether the question has a key written by the instructor (counted by `verify`).
    var isKeyed: Bool { get }
}

extension QuestionKind {
    /// Reads and grades this question's answer in `submission`.
    func grade(in submission: Submission, context: inout GradingContext) -> QuestionResult {
        grade(answer(in: submission), context: &context)
    }

    /// A result for this question with nothing earned yet, to be filled in by `grade`.
    func blankResult(verdict: Verdict, given: String, message: String) -> QuestionResult {
        QuestionResult(id: declaration.id, text: declaration.text, earned: 0, possible: declaration.points,
                       verdict: verdict, given: given, message: message, diagnosis: nil, tolerance: nil,
                       error: nil, expected: nil)
    }

    /// Points for a score fraction in [0, 1], rounded to 1e-6 of a point (whole points when 1).
    func points(forFraction fraction: Double) -> Double {
        let points = declaration.points
        return fraction >= 1 ? points : (points * max(0, fraction) * 1e6).rounded() / 1e6
    }
}

/// What a kind may use while reading its question: the whole problem and the solver's key of
/// every numeric question.
public struct KindContext: Sendable {
    /// The problem being read.
    public let problem: Problem
    /// The solver's key for the numeric questions.
    public let key: AnswerKey
    /// Each numeric question's key entry by question id.
    let entries: [String: AnswerKey.Entry]

    /// Creates a context; solves the problem when no key is given.
    public init(problem: Problem, key: AnswerKey? = nil) {
        self.problem = problem
        self.key = key ?? Solver(problem: problem).answerKey()
        var entries: [String: AnswerKey.Entry] = [:]
        for e in self.key.entries { entries[e.question.id] = e }
        self.entries = entries
    }

    /// The solver's key entry of the numeric question `id`, if there is one.
    public func numericEntry(_ id: String) -> AnswerKey.Entry? { entries[id] }
}

/// What a kind may use while grading one answer: who the result is for, the submission, the
/// results of earlier questions, and the grader's shared state.
public struct GradingContext {
    /// The grader (problem, key, mistake catalogue, audience, tolerance override).
    public let grader: Grader
    /// The submission being graded.
    public let submission: Submission
    /// The results of the questions before this one, in problem order.
    public internal(set) var earlier: [QuestionResult]
    /// Scenario evaluations with an earlier answer substituted, by that question's id (reused
    /// across the questions of one submission).
    var evaluators: [String: ScenarioEvaluator] = [:]

    /// Whether the key may be shown for a question that allows it (`show_key`) or to instructors.
    public func mayReveal(_ declaration: QuestionDeclaration) -> Bool {
        grader.audience == .instructor || declaration.showKey
    }
}
