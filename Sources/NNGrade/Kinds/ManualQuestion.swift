import NNProblem
import NNYAML

/// `kind: manual`: an explanation or derivation graded by a person. The answer is kept and
/// shown; the verdict is `needs_review` and it scores 0 until an instructor's review (`grade
/// --review REVIEW.csv`) gives it points. `rubric` is shown to instructors only (in the message of instructor copies).
public struct ManualQuestion: QuestionKind {
    public static let name = "manual"
    static let keys = QuestionDeclaration.commonKeys + ["rubric"]

    public let declaration: QuestionDeclaration
    /// What earns the points, for the reviewer.
    public let rubric: String?

    public init(_ declaration: QuestionDeclaration, context: KindContext) throws(InputError) {
        guard let node = declaration.node else { throw InputError(at: declaration.location, "question \(declaration.id) has no body") }
        let label = "question \(declaration.id)"
        try YAMLValues.checkKeys(try node.mapping(label), allowed: Self.keys, in: label)
        self.declaration = declaration
        self.rubric = try node["rubric"].map { n throws(InputError) in try YAMLValues.string(n, "\(label) rubric") }
    }

    public var answerHint: String { "a written answer, graded by hand" }
    public var isKeyed: Bool { rubric != nil }

    public func answer(in submission: Submission) -> WrittenAnswer { WrittenAnswer(submission.nodes[declaration.id]) }

    public func grade(_ answer: WrittenAnswer, context: inout GradingContext) -> QuestionResult {
        var result = blankResult(verdict: .needsReview, given: answer.given, message: "waiting for review")
        if context.grader.audience == .instructor, let rubric { result.message += " (rubric: \(rubric))" }
        switch answer {
        case .missing: result.verdict = .missing; result.message = "no answer given"
        case .blank: result.verdict = .missing; result.message = "the answer is empty"
        case .unreadable(let message, _, let loc):
            result.verdict = .unparseable
            result.message = "\(loc.line):\(loc.column): cannot read the answer: \(message)"
        case .text, .list: break
        }
        return result
    }

    public func verify(requireKeys: Bool) -> [VerificationReport.Finding] { [] }
}
