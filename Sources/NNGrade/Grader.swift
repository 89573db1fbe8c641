import NNCore
import NNProblem

/// Who a report is for, which decides what of the key it may show.
public enum Audience: String, Sendable, Hashable, CaseIterable {
    /// Students: expected values and error sizes only where the problem file allows (`show_key`).
    case student
    /// Instructors: everything, including expected values and errors.
    case instructor
}

/// Grades submissions against a problem's key. Build one per problem and reuse it: the key and
/// the mistake catalogue are computed once.
public struct Grader: Sendable {
    /// The problem.
    public let problem: Problem
    /// The reference answers.
    public let key: AnswerKey
    /// Known mistakes per question.
    public let mistakes: MistakeCatalog
    /// Who the results are for.
    public var audience: Audience
    /// A tolerance that replaces every question's own (from the command line), if set.
    public var toleranceOverride: Tolerance? {
        didSet { comparisons = Self.comparisons(key, override: toleranceOverride) }
    }
    /// Each key entry's comparison policy (with the override applied) and its tolerance as results
    /// state it; the same for every submission, so built once.
    private var comparisons: [(policy: ComparisonPolicy, toleranceText: String)]
    /// The problem's question ids, to find answers to questions it does not have.
    private let questionIDs: Set<String>

    /// Solves the problem and prepares the grader.
    public init(problem: Problem, audience: Audience = .student, toleranceOverride: Tolerance? = nil) {
        self.problem = problem
        self.key = Solver(problem: problem).answerKey()
        self.mistakes = MistakeCatalog(problem: problem, key: key)
        self.audience = audience
        self.toleranceOverride = toleranceOverride
        self.comparisons = Self.comparisons(key, override: toleranceOverride)
        self.questionIDs = Set(problem.questions.map(\.id))
    }

    /// The effective policy and tolerance text of every key entry, in order.
    private static func comparisons(_ key: AnswerKey, override: Tolerance?) -> [(policy: ComparisonPolicy, toleranceText: String)] {
        key.entries.map { entry in
            var policy = entry.question.policy
            if let override { policy.tolerance = override }
            return (policy, policy.tolerance.description)
        }
    }

    /// Grades a parsed submission.
    public func grade(_ submission: Submission) -> SubmissionResult {
        if let pid = submission.problemID, pid != problem.id {
            return ungradable(file: submission.file, student: submission.student,
                              reason: "\(submission.file): the answer file is for problem '\(pid)', not '\(problem.id)'")
        }
        var results: [QuestionResult] = []
        results.reserveCapacity(key.entries.count)
        var overridden: [String: ScenarioEvaluator] = [:]
        for (i, entry) in key.entries.enumerated() {
            let answer = submission.answers[entry.question.id]
            var r = grade(entry, answer: answer, comparison: comparisons[i])
            if r.diagnosis == nil, r.verdict == .incorrect || r.verdict == .partial, case .value(let student, _) = answer {
                r.diagnosis = followThrough(entry.question, policy: comparisons[i].policy, student: student,
                                            earlier: results, submission: submission, evaluators: &overridden)
            }
            results.append(r)
        }
        let unknown = submission.answers.keys.filter { !questionIDs.contains($0) }.sorted()
        return SubmissionResult(file: submission.file, student: submission.student, problemID: problem.id,
                                questions: results, ungradableReason: nil, unknownQuestionIDs: unknown,
                                possible: problem.totalPoints)
    }

    /// Whether a wrong answer follows correctly from the student's own wrong answer to an earlier
    /// question about an intermediate value (z, a or ŷ) in the same scenario: the solver
    /// recomputes this question with that value overridden. Returns a diagnosis naming it.
    /// An updated parameter is checked against the student's own gradient instead
    /// (`updateFollowThrough`).
    ///
    /// `evaluators` keeps, per earlier question id, the scenario evaluated with that question's
    /// answer overridden (what `Solver.answer(to:overrides:)` builds), so later questions of the
    /// same submission reuse its forward pass, backward pass and training run.
    func followThrough(_ q: Question, policy: ComparisonPolicy, student: Tensor, earlier: [QuestionResult],
                       submission: Submission, evaluators: inout [String: ScenarioEvaluator]) -> String? {
        if case .updated(let parameter) = q.target.quantity {
            return updateFollowThrough(q, parameter: parameter, policy: policy, student: student,
                                       earlier: earlier, submission: submission)
        }
        // Any other target equals its key value whatever is overridden, and the answer did not match that.
        guard q.target.quantity.dependsOnForwardPass else { return nil }
        let solver = Solver(problem: problem)
        for j in earlier.indices.reversed() {
            guard earlier[j].verdict == .incorrect || earlier[j].verdict == .partial else { continue }
            // Results are built in key order, so result j belongs to key entry j.
            let pq = key.entries[j].question
            guard pq.scenario == q.scenario, pq.variation == q.variation,
                  pq.target.element == nil, case .value(let given, _) = submission.answers[pq.id] else { continue }
            let layers = problem.scenarios[q.scenario]?.network?.network.layers.count ?? 0
            let override: ForwardOverride
            switch pq.target.quantity {
            case .preActivation(let l): override = ForwardOverride(layer: l - 1, quantity: .preActivation, value: given.scalars)
            case .activation(let l): override = ForwardOverride(layer: l - 1, quantity: .activation, value: given.scalars)
            case .output where layers > 0: override = ForwardOverride(layer: layers - 1, quantity: .activation, value: given.scalars)
            default: continue
            }
            // The evaluator depends only on the scenario and variation (equal to pq's) and the override.
            var evaluator: ScenarioEvaluator
            if let cached = evaluators[pq.id] {
                evaluator = cached
            } else {
                guard let made = try? solver.makeEvaluator(for: q) else { continue }
                evaluator = made
                evaluator.overrides = [override]
            }
            let consistent = try? evaluator.value(of: q.target)
            evaluators[pq.id] = evaluator
            guard let consistent else { continue }
            if case .correct = TensorComparison.compare(student, to: consistent, policy: policy) {
                return "follows correctly from your answer to \(pq.id) (an error carried forward)"
            }
        }
        return nil
    }

    /// The result for a file that could not be read: every question scores 0.
    public func ungradable(file: String, student: String, reason: String) -> SubmissionResult {
        SubmissionResult(file: file, student: student, problemID: problem.id, questions: [],
                         ungradableReason: reason, unknownQuestionIDs: [], possible: problem.totalPoints)
    }

    func grade(_ entry: AnswerKey.Entry, answer: AnswerEntry?,
               comparison: (policy: ComparisonPolicy, toleranceText: String)) -> QuestionResult {
        let q = entry.question
        let policy = comparison.policy
        let reveal = audience == .instructor || q.showKey
        var result = QuestionResult(id: q.id, text: q.text, earned: 0, possible: q.points, verdict: .missing,
                                    given: answer?.text ?? "", message: "", diagnosis: nil,
                                    tolerance: comparison.toleranceText, error: nil, expected: nil)
        guard case .success(let expected) = entry.result else {
            result.verdict = .ungraded
            if case .failure(let e) = entry.result { result.message = "the key could not be computed: \(e.message)" }
            return result
        }
        if reveal { result.expected = expected }
        switch answer {
        case nil:
            result.message = "no answer given"
            return result
        case .blank:
            result.message = "the answer is empty"
            return result
        case .unparseable(let message, _, let loc):
            result.verdict = .unparseable
            result.message = "\(loc.line):\(loc.column): cannot read the answer: \(message)"
            return result
        case .value(let student, _):
            let outcome = TensorComparison.compare(student, to: expected, policy: policy)
            result.message = outcome.summary(revealExpected: reveal)
            let fraction = outcome.fraction
            result.earned = fraction >= 1 ? q.points : (q.points * fraction * 1e6).rounded() / 1e6
            switch outcome {
            case .correct: result.verdict = .correct
            case .partiallyCorrect: result.verdict = .partial
            case .incorrect: result.verdict = .incorrect
            case .transposed: result.verdict = .transposed
            case .shapeMismatch: result.verdict = .wrongShape
            case .notFinite: result.verdict = .notFinite
            }
            if reveal, let worst = outcome.entries.max(by: { $0.verdict.error < $1.verdict.error }) {
                result.error = .init(error: worst.verdict.error, allowed: worst.verdict.allowed)
            }
            if result.verdict == .incorrect || result.verdict == .partial || result.verdict == .wrongShape {
                result.diagnosis = mistakes.diagnose(questionID: q.id, student: student, policy: policy)
            }
            return result
        }
    }
}
