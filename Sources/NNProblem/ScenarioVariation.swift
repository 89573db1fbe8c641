import NNCore

/// Changes a question makes to its scenario, e.g. seed 000's 1.3 asks with label y = 1.
public struct ScenarioVariation: Sendable, Hashable {
    /// Replacement input (single sample).
    public var input: [Double]?
    /// Replacement target (applied to every sample).
    public var target: [Double]?
    /// Replacement learning rate.
    public var learningRate: Double?
    /// Replacement number of steps.
    public var steps: Int?
    /// Replacement loss.
    public var loss: Loss?
    /// Replacement ReLU'(0).
    public var reluDerivativeAtZero: Double?
    /// Replacement graph input values.
    public var graphInputs: [String: Double]?

    /// No variation.
    public init() {}

    /// Whether nothing is varied.
    public var isEmpty: Bool { self == ScenarioVariation() }

    /// The scenario with this variation applied.
    public func applied(to base: Scenario) -> Scenario {
        var s = base
        if let x = input { s.samples = [Sample(input: x, target: s.samples.first?.target ?? target ?? [])] }
        if let y = target { s.samples = s.samples.map { Sample(input: $0.input, target: y) } }
        if let lr = learningRate { s.training = SGD(learningRate: lr, momentum: s.training?.momentum ?? 0,
                                                    schedule: s.training?.schedule ?? .batch) }
        if let k = steps { s.steps = k }
        if let l = loss { s.loss = l }
        if let r = reluDerivativeAtZero { s.options.reluDerivativeAtZero = r }
        if let g = graphInputs, var graph = s.graph {
            graph.inputs.merge(g) { _, new in new }
            s.graph = graph
        }
        return s
    }
}
