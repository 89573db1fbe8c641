import NNCore

/// One evaluation point of a formula question: a scenario (random or the problem's own), the
/// formula environment built from it, and the solver's value of the asked quantity there.
public struct FormulaInstance: Sendable {
    /// The scenario the instance was computed in.
    public var scenario: Scenario
    /// Symbol and function values for the student's formula.
    public var environment: FormulaEnvironment
    /// The solver's value of the asked quantity (shapes as the solver gives them).
    public var reference: Tensor
}

/// What a formula question is evaluated on: the asked quantity, the symbols and constants a
/// student may use, and how many random instances.
public struct FormulaSetting: Sendable, Hashable {
    /// The asked quantity (its value at each instance is the reference).
    public var target: QuantityReference
    /// Symbol name → quantity (or one entry of one, like `x2`) of the scenario.
    public var symbols: [String: QuantityReference]
    /// Constants the question binds (`N: 1`, `K: 2`).
    public var constants: [String: Double]
    /// Function names → layer (1-based), e.g. `f: 1, g: 2`, besides `f1`, `f2`, … and declared functions.
    public var activations: [String: Int]
    /// Number of random instances (at least 20).
    public var instances: Int
    /// The seed text (problem id and question id): the same instances on every run.
    public var seed: String

    /// Creates a setting.
    public init(target: QuantityReference, symbols: [String: QuantityReference], constants: [String: Double] = [:],
                activations: [String: Int] = [:], instances: Int = 20, seed: String) {
        self.target = target
        self.symbols = symbols
        self.constants = constants
        self.activations = activations
        self.instances = instances
        self.seed = seed
    }

    /// Every name a formula may use as a value.
    public var symbolNames: Set<String> { Set(symbols.keys).union(constants.keys) }
}

/// Draws random instances of a network scenario and evaluates them with the solver.
///
/// Each instance has one sample, and every weight, bias and input drawn uniformly: weights and
/// biases in [−1, 1], inputs in [−2, 2]; labels in {0, 1} for binary cross-entropy, one-hot for
/// cross-entropy, uniform in [0, 1] under a sigmoid or softmax output and in [−1, 1] otherwise.
/// Shapes, activations, loss and conventions are the scenario's. An instance where any
/// pre-activation lies within `kinkMargin` of 0 (a ReLU-family kink) is drawn again.
public enum FormulaInstances {
    /// How close to a kink a pre-activation may be before the instance is redrawn.
    public static let kinkMargin = 1e-6

    /// The random instances of `setting` in `scenario`; `overrides` lets a caller replace
    /// values (used to evaluate mutated references for diagnosis).
    public static func random(_ setting: FormulaSetting, in scenario: Scenario) throws(SolveError) -> [FormulaInstance] {
        guard let spec = scenario.network else { throw SolveError("formula questions need a scenario with a network") }
        var rng = SplitMix64(seed: SplitMix64.seed(setting.seed))
        var out: [FormulaInstance] = []
        var attempts = 0
        while out.count < setting.instances {
            attempts += 1
            guard attempts <= setting.instances * 50 else {
                throw SolveError("could not draw \(setting.instances) instances away from the activation kinks")
            }
            let drawn = draw(scenario, spec: spec, rng: &rng)
            guard let instance = try? evaluate(setting, in: drawn, checkingKinks: true) else { continue }
            out.append(instance)
        }
        return out
    }

    /// `count` points drawn uniformly from `domain` with a generator seeded by `seed`.
    public static func randomPoints(_ count: Int, in domain: ClosedRange<Double>, seed: String) -> [Double] {
        var rng = SplitMix64(seed: SplitMix64.seed(seed))
        return (0..<count).map { _ in rng.uniform(domain.lowerBound, domain.upperBound) }
    }

    /// The instance given by the problem's own numbers (first sample only).
    public static func own(_ setting: FormulaSetting, in scenario: Scenario) throws(SolveError) -> FormulaInstance {
        var s = scenario
        if s.samples.count > 1 { s.samples = [s.samples[0]] }
        return try evaluate(setting, in: s, checkingKinks: false)
    }

    /// Evaluates symbols and the reference in one scenario.
    public static func evaluate(_ setting: FormulaSetting, in scenario: Scenario, checkingKinks: Bool,
                                overrides: [ForwardOverride] = []) throws(SolveError) -> FormulaInstance {
        var evaluator = ScenarioEvaluator(scenario: scenario)
        evaluator.overrides = overrides
        if checkingKinks {
            for pass in try evaluator.forwardPasses() {
                for layer in pass.layers where layer.z.contains(where: { abs($0) < kinkMargin }) {
                    throw SolveError("instance on a kink")
                }
            }
        }
        var symbols: [String: Tensor] = [:]
        for (name, quantity) in setting.symbols { symbols[name] = try evaluator.value(of: quantity) }
        for (name, value) in setting.constants { symbols[name] = Tensor(value) }
        var functions = FormulaSymbols.functions(for: scenario)
        if let layers = scenario.network?.network.layers {
            for (name, l) in setting.activations where l >= 1 && l <= layers.count { functions[name] = layers[l - 1].activation }
        }
        let reference = try evaluator.value(of: setting.target)
        var environment = FormulaEnvironment(symbols: symbols, functions: functions, options: scenario.options)
        environment.resultShape = reference.rank == 2 ? (reference.shape[0], reference.shape[1])
            : (reference.scalars.count, 1)
        return FormulaInstance(scenario: scenario, environment: environment, reference: reference)
    }

    /// The scenario with fresh random weights, biases and one random sample.
    static func draw(_ scenario: Scenario, spec: NetworkSpec, rng: inout SplitMix64) -> Scenario {
        var s = scenario
        var layers = spec.network.layers
        for i in layers.indices {
            var w = layers[i].weights
            for k in w.elements.indices { w.elements[k] = rng.uniform(-1, 1) }
            layers[i].weights = w
            if let b = layers[i].bias { layers[i].bias = b.map { _ in rng.uniform(-1, 1) } }
        }
        if let network = try? Network(layers: layers) { s.network?.network = network }
        let x = (0..<spec.network.inputSize).map { _ in rng.uniform(-2, 2) }
        let outputs = spec.network.outputSize
        let outputActivation = layers[layers.count - 1].activation
        var y: [Double]
        switch scenario.loss?.kind {
        case .binaryCrossEntropy?:
            y = (0..<outputs).map { _ in rng.next() & 1 == 0 ? 0 : 1 }
        case .crossEntropy?:
            y = Array(repeating: 0, count: outputs)
            y[Int(rng.next() % UInt64(max(outputs, 1)))] = 1
        default:
            let bounded = outputActivation == .sigmoid || outputActivation == .softmax
            y = (0..<outputs).map { _ in bounded ? rng.uniform(0, 1) : rng.uniform(-1, 1) }
        }
        s.samples = [Sample(input: x, target: y)]
        return s
    }
}
