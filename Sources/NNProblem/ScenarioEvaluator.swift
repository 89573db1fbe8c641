import NNCore

/// Evaluates one scenario on demand and caches the forward pass, backward pass and training run.
public struct ScenarioEvaluator: Sendable {
    /// The scenario being evaluated.
    public let scenario: Scenario
    /// Intermediate values to replace during the forward pass (for follow-through credit).
    public var overrides: [ForwardOverride] = [] {
        didSet { evaluation = nil; passes = nil }
    }
    private var evaluation: BatchEvaluation?
    private var passes: [ForwardPass]?
    private var trained: Network?
    /// Training experiment runs, kept for the questions of the same scenario.
    var experimentCache = ExperimentCache()
    /// Shifts an experiment's initialisation and shuffling seeds (the seed band's reference runs).
    public var seedOffset: UInt64 = 0 {
        didSet { experimentCache = ExperimentCache() }
    }

    /// Creates an evaluator.
    public init(scenario: Scenario) { self.scenario = scenario }

    func requireNetwork() throws(SolveError) -> NetworkSpec {
        guard let spec = scenario.network else { throw SolveError("this scenario has no network") }
        return spec
    }

    func requireSamples() throws(SolveError) -> [Sample] {
        guard !scenario.samples.isEmpty else { throw SolveError("this scenario has no input data (x)") }
        return scenario.samples
    }

    func requireLoss() throws(SolveError) -> Loss {
        guard let loss = scenario.loss else { throw SolveError("this scenario defines no loss") }
        return loss
    }

    func checkLayer(_ l: Int, _ spec: NetworkSpec) throws(SolveError) {
        guard l >= 1 && l <= spec.network.layers.count else {
            throw SolveError("layer \(l) does not exist; the network has \(spec.network.layers.count) layers")
        }
    }

    /// The forward passes of every sample (with overrides applied).
    public mutating func forwardPasses() throws(SolveError) -> [ForwardPass] {
        if let passes { return passes }
        let spec = try requireNetwork()
        let samples = try requireSamples()
        var result: [ForwardPass] = []
        for s in samples {
            do { result.append(try spec.network.forward(s.input, overrides: overrides, options: scenario.options)) } catch {
                throw SolveError(error.message)
            }
        }
        passes = result
        return result
    }

    /// The batch evaluation: losses and gradients.
    public mutating func batchEvaluation() throws(SolveError) -> BatchEvaluation {
        if let evaluation { return evaluation }
        let spec = try requireNetwork()
        let samples = try requireSamples()
        let loss = try requireLoss()
        do {
            let e = try spec.network.evaluate(samples, loss: loss, overrides: overrides, options: scenario.options)
            evaluation = e
            return e
        } catch {
            throw SolveError(error.message)
        }
    }

    /// The network after the scenario's SGD steps.
    public mutating func trainedNetwork() throws(SolveError) -> Network {
        if let trained { return trained }
        let spec = try requireNetwork()
        guard let sgd = scenario.training else { throw SolveError("this scenario defines no learning rate for updates") }
        let loss = try requireLoss()
        let samples = try requireSamples()
        do {
            let steps = try sgd.train(spec.network, on: samples, loss: loss, steps: scenario.steps,
                                      options: scenario.options)
            let net = steps.last?.network ?? spec.network
            trained = net
            return net
        } catch {
            throw SolveError(error.message)
        }
    }

    /// The value of a quantity reference (whole or one element).
    ///
    /// A value with a single entry (a one-unit output, a 1 × 1 Jacobian) is returned as a scalar.
    public mutating func value(of reference: QuantityReference) throws(SolveError) -> Tensor {
        let whole = try value(of: reference.quantity)
        guard let element = reference.element else {
            if let v = whole.scalarValue { return Tensor(v) }
            return whole
        }
        return try Self.element(element, of: whole, name: reference.quantity.description)
    }

    /// Extracts a 1-based element; a vector accepts `[i]`, `[i,1]` and `[1,i]`.
    static func element(_ idx: [Int], of t: Tensor, name: String) throws(SolveError) -> Tensor {
        var zeroBased = idx.map { $0 - 1 }
        if t.rank == 1, idx.count == 2 {
            if idx[1] == 1 { zeroBased = [idx[0] - 1] } else if idx[0] == 1 { zeroBased = [idx[1] - 1] }
        }
        if t.rank == 0, idx.allSatisfy({ $0 == 1 }) { return t }
        guard let v = t.element(at: zeroBased) else {
            let written = "[" + idx.map(String.init).joined(separator: ",") + "]"
            throw SolveError("\(name)\(written) is out of range: \(name) is \(t.shapeDescription)")
        }
        return Tensor(v)
    }

    /// Stacks per-sample vectors: one sample gives a vector, several give a matrix with one row each.
    static func perSample(_ rows: [[Double]]) -> Tensor {
        if rows.count == 1 { return Tensor(vector: rows[0]) }
        return Tensor(shape: [rows.count, rows.first?.count ?? 0], scalars: rows.flatMap { $0 })
    }

    /// The value of a whole quantity.
    public mutating func value(of quantity: Quantity) throws(SolveError) -> Tensor {
        switch quantity {
        case .input:
            return Self.perSample(try requireSamples().map(\.input))
        case .target:
            return Self.perSample(try requireSamples().map(\.target))
        case .output:
            return Self.perSample(try forwardPasses().map(\.output))
        case .loss:
            return Tensor(try batchEvaluation().loss)
        case .preActivation(let l):
            try checkLayer(l, try requireNetwork())
            return Self.perSample(try forwardPasses().map { $0.layers[l - 1].z })
        case .activation(let l):
            try checkLayer(l, try requireNetwork())
            return Self.perSample(try forwardPasses().map { $0.layers[l - 1].a })
        case .weights(let l):
            let spec = try requireNetwork()
            try checkLayer(l, spec)
            let layer = spec.network.layers[l - 1]
            return Tensor(spec.courseWeights(layer: l - 1, weights: layer.weights, bias: layer.bias))
        case .bias(let l):
            let spec = try requireNetwork()
            try checkLayer(l, spec)
            guard let b = spec.network.layers[l - 1].bias else { throw SolveError("layer \(l) has no bias") }
            return Tensor(vector: b)
        case .delta(let l):
            try checkLayer(l, try requireNetwork())
            return Self.perSample(try batchEvaluation().perSample.map { $0.layers[l - 1].delta })
        case .gradActivation(let l):
            try checkLayer(l, try requireNetwork())
            return Self.perSample(try batchEvaluation().perSample.map { $0.layers[l - 1].dA })
        case .gradWeights(let l):
            let spec = try requireNetwork()
            try checkLayer(l, spec)
            let g = try batchEvaluation().gradients.layers[l - 1]
            let hasBias = spec.network.layers[l - 1].bias != nil
            return Tensor(spec.courseWeights(layer: l - 1, weights: g.dW, bias: hasBias ? g.dB : nil))
        case .gradBias(let l):
            let spec = try requireNetwork()
            try checkLayer(l, spec)
            return Tensor(vector: try batchEvaluation().gradients.layers[l - 1].dB)
        case .gradOutput:
            return Self.perSample(try batchEvaluation().perSample.map(\.dOutput))
        case .gradInput:
            return Self.perSample(try batchEvaluation().perSample.map(\.dInput))
        case .activationJacobian(let l):
            let spec = try requireNetwork()
            try checkLayer(l, spec)
            let passes = try forwardPasses()
            guard passes.count == 1 else { throw SolveError("Jacobians are defined per sample; this scenario has \(passes.count) samples") }
            do {
                let v = passes[0].layers[l - 1]
                return Tensor(try spec.network.layers[l - 1].activation.jacobian(z: v.z, a: v.a, options: scenario.options))
            } catch {
                throw SolveError(error.message)
            }
        case .affineJacobian(let l):
            let spec = try requireNetwork()
            try checkLayer(l + 1, spec)
            return Tensor(spec.network.layers[l].weights)
        case .parameter(let name):
            let spec = try requireNetwork()
            return try parameter(name, in: spec, of: value(of: .weights(try address(name, spec).layer)))
        case .gradParameter(let name):
            let spec = try requireNetwork()
            return try parameter(name, in: spec, of: value(of: .gradWeights(try address(name, spec).layer)))
        case .updated(let inner):
            return try updatedValue(inner)
        case .experiment(let e):
            return try experimentValue(e)
        case .graphValue(let node):
            guard let g = scenario.graph else { throw SolveError("this scenario has no graph") }
            do {
                let values = try g.graph.evaluate(inputs: g.inputs, options: scenario.options.evaluation)
                guard let v = values[node] else { throw SolveError("the graph has no node '\(node)'") }
                return Tensor(v)
            } catch let e as SolveError {
                throw e
            } catch {
                throw SolveError("\(error)")
            }
        case .graphGradient(let of, let wrt):
            guard let g = scenario.graph else { throw SolveError("this scenario has no graph") }
            guard g.order.contains(of) else { throw SolveError("the graph has no node '\(of)'") }
            guard g.order.contains(wrt) else { throw SolveError("the graph has no node '\(wrt)'") }
            do {
                let grads = try g.graph.gradient(of: of, inputs: g.inputs, options: scenario.options.evaluation)
                return Tensor(grads[wrt] ?? 0)
            } catch {
                throw SolveError("\(error)")
            }
        case .functionValue(let name, let x), .functionDerivative(let name, let x):
            guard let f = scenario.functions[name] else { throw SolveError("no function named '\(name)'") }
            do {
                let r = try f.expression.valueAndDerivative(withRespectTo: "x", at: x, options: scenario.options.evaluation)
                if case .functionValue = quantity { return Tensor(r.value) }
                return Tensor(r.derivative)
            } catch {
                throw SolveError("\(name)(\(NumberFormatting.short(x))): \(error.message)")
            }
        }
    }

    func address(_ name: String, _ spec: NetworkSpec) throws(SolveError) -> ParameterAddress {
        guard let a = spec.parameterNames[name] else { throw SolveError("no parameter named '\(name)'") }
        return a
    }

    func parameter(_ name: String, in spec: NetworkSpec, of matrix: Tensor) throws(SolveError) -> Tensor {
        let a = try address(name, spec)
        guard let v = matrix.element(at: [a.row - 1, a.column - 1]) else {
            throw SolveError("parameter \(name) = \(a) is outside layer \(a.layer)'s \(matrix.shapeDescription) weights")
        }
        return Tensor(v)
    }

    mutating func updatedValue(_ inner: Quantity) throws(SolveError) -> Tensor {
        var trainedScenario = scenario
        trainedScenario.network?.network = try trainedNetwork()
        var after = ScenarioEvaluator(scenario: trainedScenario)
        return try after.value(of: inner)
    }
}
