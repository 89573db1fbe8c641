import NNCore
import NNProblem

extension Grader {
    /// Whether a wrong answer to an updated parameter (`updated.W1`, `updated.b2`,
    /// `updated.w3,6`, or one element of them) is the SGD step taken with the student's own wrong
    /// answer for that parameter's gradient, asked earlier in the same scenario: θ − η·g, where g
    /// is the student's gradient and θ the parameter before the step. Returns a diagnosis naming
    /// that earlier question.
    ///
    /// Only for a single full-batch step (`steps: 1`, and `schedule: batch` or one sample), where
    /// the update is exactly θ − η·∇θL whatever the momentum (the velocity starts at 0), and the
    /// gradient question asks for the same gradient the step uses.
    func updateFollowThrough(_ q: Question, parameter: Quantity, policy: ComparisonPolicy, student: Tensor,
                             earlier: [QuestionResult], submission: Submission) -> String? {
        let gradient: Quantity
        switch parameter {
        case .weights(let l): gradient = .gradWeights(l)
        case .bias(let l): gradient = .gradBias(l)
        case .parameter(let name): gradient = .gradParameter(name)
        default: return nil
        }
        guard var evaluator = try? Solver(problem: problem).makeEvaluator(for: q) else { return nil }
        let scenario = evaluator.scenario
        guard scenario.steps == 1, let sgd = scenario.training,
              sgd.schedule == .batch || scenario.samples.count == 1,
              let before = try? evaluator.value(of: QuantityReference(parameter, element: q.target.element))
        else { return nil }
        for j in earlier.indices.reversed() {
            guard earlier[j].verdict == .incorrect || earlier[j].verdict == .partial else { continue }
            // Results are built in question order, so result j belongs to declaration j.
            guard let pq = problem.declarations[j].numeric, pq.scenario == q.scenario, pq.variation == q.variation,
                  pq.target == QuantityReference(gradient, element: q.target.element),
                  case .value(let given, _) = submission.answers[pq.id],
                  given.scalars.count == before.scalars.count,
                  given.shape == before.shape || before.scalars.count == 1 else { continue }
            let stepped = Tensor(shape: before.shape,
                                 scalars: zip(before.scalars, given.scalars).map { $0 - sgd.learningRate * $1 })
            if case .correct = TensorComparison.compare(student, to: stepped, policy: policy) {
                return "follows correctly from your answer to \(pq.id) (an error carried forward)"
            }
        }
        return nil
    }
}
