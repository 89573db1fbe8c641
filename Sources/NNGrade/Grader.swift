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
/// the mistake catalogue are computed once. Each question is graded by its kind (`QuestionKind`).
public struct Grader: Sendable {
    /// The problem.
    public var problem: Problem { gradable.problem }
    /// The reference answers of the numeric questions.
    public var key: AnswerKey { gradable.key }
    /// Every question read by its kind.
    public let gradable: GradableProblem
    /// Known mistakes per question.
    public let mistakes: MistakeCatalog
    /// Who the results are for.
    public var audience: Audience
    /// A tolerance that replaces every numeric question's own (from the command line), if set.
    public var toleranceOverride: Tolerance? {
        didSet { toleranceOverrideText = toleranceOverride?.description }
    }
    /// `toleranceOverride` as results state it, computed once.
    private(set) var toleranceOverrideText: String?
    /// The problem's question ids, to find answers to questions it does not have.
    private let questionIDs: Set<String>

    /// Prepares the grader for a problem whose questions have been read by their kinds.
    public init(gradable: GradableProblem, audience: Audience = .student, toleranceOverride: Tolerance? = nil) {
        self.gradable = gradable
        self.mistakes = MistakeCatalog(problem: gradable.problem, key: gradable.key)
        self.audience = audience
        self.toleranceOverride = toleranceOverride
        self.toleranceOverrideText = toleranceOverride?.description
        self.questionIDs = Set(gradable.problem.declarations.map(\.id))
    }

    /// Solves a problem and prepares the grader. A question its kind cannot read (see
    /// `GradableProblem`) is graded `ungraded` with the reason.
    public init(problem: Problem, audience: Audience = .student, toleranceOverride: Tolerance? = nil) {
        self.init(gradable: GradableProblem(readingWhatItCan: problem), audience: audience, toleranceOverride: toleranceOverride)
    }

    /// Grades a parsed submission.
    public func grade(_ submission: Submission) -> SubmissionResult {
        if let pid = submission.problemID, pid != problem.id {
            return ungradable(file: submission.file, student: submission.student,
                              reason: "\(submission.file): the answer file is for problem '\(pid)', not '\(problem.id)'")
        }
        var context = GradingContext(grader: self, submission: submission, earlier: [])
        context.earlier.reserveCapacity(gradable.questions.count)
        for question in gradable.questions {
            let result = question.grade(in: submission, context: &context)
            context.earlier.append(result)
        }
        let unknown = submission.answers.keys.filter { !questionIDs.contains($0) }.sorted()
        return SubmissionResult(file: submission.file, student: submission.student, problemID: problem.id,
                                questions: context.earlier, ungradableReason: nil, unknownQuestionIDs: unknown,
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
            // Results are built in question order, so result j belongs to declaration j.
            guard let pq = problem.declarations[j].numeric, pq.scenario == q.scenario, pq.variation == q.variation,
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
}
