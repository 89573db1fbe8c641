import NNCore
import NNProblem

/// Values that typical mistakes produce for each question, computed once per problem so that a
/// wrong answer can be named ("sign error", "ReLU'(0) taken as 1", …).
///
/// Each alternative is either a transformation of the key (negated, doubled, halved, divided by
/// ln 10) or a re-solve of the question with a changed configuration (ReLU'(0) = 1, η = −η,
/// η = 1, another squared-error scaling, z instead of a). A wrong answer matches a mistake when it
/// is within the question's tolerance of the mistake's value.
public struct MistakeCatalog: Sendable {
    /// One known mistake and the value it leads to.
    public struct Alternative: Sendable, Hashable {
        /// The mistake's name as shown in reports.
        public var name: String
        /// The value the mistake produces.
        public var value: Tensor
    }

    /// Alternatives per question id, most specific first.
    public private(set) var alternatives: [String: [Alternative]] = [:]

    /// Computes the alternatives for every question of a problem whose key is known.
    public init(problem: Problem, key: AnswerKey) {
        let solver = Solver(problem: problem)
        for entry in key.entries {
            guard case .success(let expected) = entry.result else { continue }
            alternatives[entry.question.id] = Self.alternatives(for: entry.question, expected: expected, solver: solver, problem: problem)
        }
    }

    static func alternatives(for q: Question, expected: Tensor, solver: Solver, problem: Problem) -> [Alternative] {
        var out: [Alternative] = []
        func add(_ name: String, _ value: Tensor?) {
            guard let value, value.shape == expected.shape, value.scalars.allSatisfy(\.isFinite) else { return }
            // Only alternatives that differ from the key beyond its tolerance can name a mistake.
            if case .correct = TensorComparison.compare(value, to: expected, policy: q.policy) { return }
            if out.contains(where: { $0.value == value }) { return }
            out.append(Alternative(name: name, value: value))
        }
        func resolved(_ change: (inout ScenarioVariation) -> Void) -> Tensor? {
            var variant = q
            change(&variant.variation)
            return try? solver.answer(to: variant)
        }
        let scenario = problem.scenarios[q.scenario].map { q.variation.applied(to: $0) }
        // Convention mistakes, recomputed by the solver.
        if scenario?.network?.network.layers.contains(where: { $0.activation.dependsOnReluDerivativeAtZero }) == true {
            add("ReLU'(0) taken as 1", resolved { $0.reluDerivativeAtZero = 1 })
        }
        if case .updated = q.target.quantity, let lr = scenario?.training?.learningRate {
            add("gradient ascent: the update adds η·∂L/∂θ instead of subtracting it", resolved { $0.learningRate = -lr })
            if lr != 1 { add("the learning rate was left out of the update (η = 1)", resolved { $0.learningRate = 1 }) }
        }
        if let loss = scenario?.loss, (scenario?.samples.count ?? 0) > 1 {
            let flipped: Loss.Reduction = loss.batchReduction == .mean ? .sum : .mean
            add(flipped == .sum ? "the loss was summed over the batch instead of averaged" : "the loss was averaged over the batch instead of summed",
                resolved { $0.loss = Loss(loss.kind, batchReduction: flipped) })
        }
        if let loss = scenario?.loss, case .squaredError(let scale) = loss.kind {
            for other in Loss.SquaredErrorScale.allCases where other != scale {
                let name: String
                switch other {
                case .halfSum: name = "squared error taken as ½Σ(ŷ−y)²"
                case .sum: name = "squared error taken as Σ(ŷ−y)² (a missing ½?)"
                case .mean: name = "squared error averaged over outputs, (1/k)Σ(ŷ−y)²"
                case .halfMean: name = "squared error taken as (1/2k)Σ(ŷ−y)²"
                }
                add(name, resolved { $0.loss = Loss(.squaredError(other), batchReduction: loss.batchReduction) })
            }
        }
        if case .activation(let l) = q.target.quantity {
            add("the pre-activation z\(l) was given instead of the activation a\(l)",
                try? solver.answer(to: Question(replacing: q, target: QuantityReference(.preActivation(l), element: q.target.element))))
        }
        if case .output = q.target.quantity, let layers = scenario?.network?.network.layers.count {
            add("the output pre-activation z\(layers) was given instead of ŷ",
                try? solver.answer(to: Question(replacing: q, target: QuantityReference(.preActivation(layers), element: q.target.element))))
        }
        // Arithmetic slips, as transformations of the key.
        add("sign error", Tensor(shape: expected.shape, scalars: expected.scalars.map { -$0 }))
        if q.target.quantity == .loss, let loss = scenario?.loss {
            switch loss.kind {
            case .binaryCrossEntropy, .crossEntropy:
                add("log base 10 used instead of the natural log", Tensor(shape: expected.shape, scalars: expected.scalars.map { $0 / Elementary.log(10) }))
            case .squaredError: break
            }
        }
        add("off by a factor of 2 (a missing ½?)", Tensor(shape: expected.shape, scalars: expected.scalars.map { $0 * 2 }))
        add("off by a factor of ½ (an extra ½?)", Tensor(shape: expected.shape, scalars: expected.scalars.map { $0 / 2 }))
        return out
    }

    /// The name of the first mistake the student's value matches, if any.
    public func diagnose(questionID: String, student: Tensor, policy: ComparisonPolicy) -> String? {
        guard let alts = alternatives[questionID] else { return nil }
        for alt in alts {
            if case .correct = TensorComparison.compare(student, to: alt.value, policy: policy) { return alt.name }
        }
        return nil
    }
}

extension Question {
    /// A copy of `q` that asks for another quantity.
    init(replacing q: Question, target: QuantityReference) {
        self = q
        self.target = target
    }
}
