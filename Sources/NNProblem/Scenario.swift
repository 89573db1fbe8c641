import NNCore

/// Everything a question can be computed from: a network with its conventions and data, a
/// computational graph, and named scalar functions.
public struct Scenario: Sendable, Hashable {
    /// The network, with the course's storage conventions.
    public var network: NetworkSpec?
    /// Training/evaluation data.
    public var samples: [Sample]
    /// The loss.
    public var loss: Loss?
    /// SGD settings.
    public var training: SGD?
    /// Number of SGD steps that "updated" quantities refer to.
    public var steps: Int
    /// Derivative conventions at kinks.
    public var options: DifferentiationOptions
    /// A scalar computational graph with its input values.
    public var graph: GraphSpec?
    /// Named scalar functions of `x` (e.g. seed 000's activation z), for value/derivative questions.
    public var functions: [String: FunctionSpec]

    /// Creates a scenario.
    public init(network: NetworkSpec? = nil, samples: [Sample] = [], loss: Loss? = nil, training: SGD? = nil,
                steps: Int = 1, options: DifferentiationOptions = .init(), graph: GraphSpec? = nil,
                functions: [String: FunctionSpec] = [:]) {
        self.network = network
        self.samples = samples
        self.loss = loss
        self.training = training
        self.steps = steps
        self.options = options
        self.graph = graph
        self.functions = functions
    }
}

extension Scenario {
    /// The cost of the scenario's training run: steps × samples per step × weights.
    public var trainingWork: Int {
        guard let net = network?.network, training != nil else { return 0 }
        let perStep = training?.schedule == .perSample ? 1 : samples.count
        let (a, o1) = steps.multipliedReportingOverflow(by: max(perStep, 1))
        let (b, o2) = a.multipliedReportingOverflow(by: net.parameterCount)
        return o1 || o2 ? Int.max : b
    }
}
