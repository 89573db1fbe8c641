import NNCore
import NNProblem
import NNYAML

/// `kind: numeric` (the default): a number, vector or matrix computed by the solver from `ask`,
/// compared entry by entry under the question's tolerance, with mistake diagnosis and
/// follow-through credit for errors carried forward.
public struct NumericQuestion: QuestionKind {
    public static let name = "numeric"

    public let declaration: QuestionDeclaration
    /// The numeric question (what is asked, how it is compared).
    public let question: Question
    /// The solver's key, or why it could not be computed.
    public let key: Result<Tensor, SolveError>
    /// The tolerance as results state it, computed once.
    let toleranceText: String

    public init(_ declaration: QuestionDeclaration, context: KindContext) throws(InputError) {
        guard let question = declaration.numeric, let entry = context.numericEntry(declaration.id) else {
            throw InputError(at: declaration.location, "question \(declaration.id) is not a numeric question")
        }
        self.declaration = declaration
        self.question = question
        self.key = entry.result
        self.toleranceText = question.policy.tolerance.description
    }

    public var answerHint: String {
        let shape: String
        switch key {
        case .success(let t): shape = AnswerTemplate.describe(t)
        case .failure: shape = "unknown shape"
        }
        return "asks \(AnswerTemplate.oneLine(question.ask)): \(shape)"
    }

    public var isKeyed: Bool { question.instructorKey != nil }

    public func answer(in submission: Submission) -> AnswerEntry? { submission.answers[declaration.id] }

    public func grade(_ answer: AnswerEntry?, context: inout GradingContext) -> QuestionResult {
        var policy = question.policy
        var toleranceText = self.toleranceText
        if let override = context.grader.toleranceOverride {
            policy.tolerance = override
            toleranceText = context.grader.toleranceOverrideText ?? override.description
        }
        var result = blankResult(verdict: .missing, given: answer?.text ?? "", message: "")
        result.tolerance = toleranceText
        let reveal = context.mayReveal(declaration)
        let expected: Tensor
        switch key {
        case .failure(let e):
            result.verdict = .ungraded
            result.message = "the key could not be computed: \(e.message)"
            return result
        case .success(let value):
            expected = value
        }
        if reveal { result.expected = .value(expected) }
        switch answer {
        case nil:
            result.message = "no answer given"
        case .blank:
            result.message = "the answer is empty"
        case .unparseable(let message, _, let loc):
            result.verdict = .unparseable
            result.message = "\(loc.line):\(loc.column): cannot read the answer: \(message)"
        case .value(let student, _):
            let outcome = TensorComparison.compare(student, to: expected, policy: policy)
            result.message = outcome.summary(revealExpected: reveal)
            result.earned = points(forFraction: outcome.fraction)
            result.verdict = Verdict(outcome)
            if reveal, let worst = outcome.entries.max(by: { $0.verdict.error < $1.verdict.error }) {
                result.error = .init(error: worst.verdict.error, allowed: worst.verdict.allowed)
            }
            if result.verdict == .incorrect || result.verdict == .partial || result.verdict == .wrongShape {
                result.diagnosis = context.grader.mistakes.diagnose(questionID: question.id, student: student, policy: policy)
            }
            if result.diagnosis == nil, result.verdict == .incorrect || result.verdict == .partial {
                result.diagnosis = context.grader.followThrough(question, policy: policy, student: student,
                                                                earlier: context.earlier, submission: context.submission,
                                                                evaluators: &context.evaluators)
            }
        }
        return result
    }

    public func verify(requireKeys: Bool) -> [VerificationReport.Finding] {
        KeyVerifier.findings(for: AnswerKey.Entry(question: question, result: key), requireKeys: requireKeys)
    }
}
