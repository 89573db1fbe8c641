import NNProblem
import NNYAML

/// A problem with every question read by its kind: what the grader, `template` and `verify`
/// work from.
public struct GradableProblem: Sendable {
    /// The problem.
    public let problem: Problem
    /// The solver's key for the numeric questions.
    public let key: AnswerKey
    /// Every question, read by its kind, in file order.
    public let questions: [any QuestionKind]

    /// Reads every question of a loaded problem with its kind; errors are `file:line:column`.
    public init(problem: Problem) throws(InputError) {
        let context = KindContext(problem: problem)
        self.problem = problem
        self.key = context.key
        self.questions = try QuestionKinds.read(context)
    }

    /// Loads a problem file and reads its questions.
    public static func load(path: String, displayName: String? = nil, limits: YAMLLimits = .problemFile) throws(InputError) -> GradableProblem {
        try GradableProblem(problem: ProblemLoader.load(path: path, displayName: displayName, limits: limits))
    }
}

extension GradableProblem {
    /// Reads every question it can; a question its kind cannot read stays in the gradable as
    /// `UnreadableQuestion` (graded `ungraded` with the reason). For problems built in code; the
    /// command line uses the throwing `init(problem:)`, so a bad problem file is an error there.
    init(readingWhatItCan problem: Problem) {
        let context = KindContext(problem: problem)
        var questions: [any QuestionKind] = []
        for declaration in problem.declarations {
            do throws(InputError) {
                guard let kind = QuestionKinds.kind(named: declaration.kind) else {
                    throw QuestionKinds.unknownKind(declaration)
                }
                questions.append(try kind.init(declaration, context: context))
            } catch {
                questions.append(UnreadableQuestion(declaration: declaration, reason: error))
            }
        }
        self.init(problem: problem, key: context.key, questions: questions)
    }

    /// A gradable from its parts.
    init(problem: Problem, key: AnswerKey, questions: [any QuestionKind]) {
        self.problem = problem
        self.key = key
        self.questions = questions
    }
}

/// A question whose kind could not read it: graded `ungraded` with the reason. Not registered:
/// only `GradableProblem(readingWhatItCan:)` makes one.
struct UnreadableQuestion: QuestionKind {
    static let name = "unreadable"
    let declaration: QuestionDeclaration
    let reason: InputError

    init(declaration: QuestionDeclaration, reason: InputError) {
        self.declaration = declaration
        self.reason = reason
    }

    init(_ declaration: QuestionDeclaration, context: KindContext) throws(InputError) {
        throw InputError(at: declaration.location, "question \(declaration.id) cannot be read")
    }

    var answerHint: String { "cannot be answered: \(reason.message)" }
    var isKeyed: Bool { false }
    func answer(in submission: Submission) -> String { submission.answers[declaration.id]?.text ?? "" }
    func grade(_ answer: String, context: inout GradingContext) -> QuestionResult {
        blankResult(verdict: .ungraded, given: answer, message: "the question could not be read: \(reason.message)")
    }
    func verify(requireKeys: Bool) -> [VerificationReport.Finding] {
        [.init(severity: .error, file: reason.file, line: reason.line, column: reason.column, message: reason.message)]
    }
}
