import NNCore
import NNYAML
import NNOutput

/// Reads the scenario parts of a problem file: network, data, loss, training, graph, functions.
enum ScenarioLoader {
    static let scenarioKeys = ["network", "data", "loss", "training", "graph", "functions"]

    /// Reads a scenario from a mapping, inheriting every part it does not set from `base`.
    static func read(_ node: YAMLNode, base: Scenario?, what: String) throws(InputError) -> Scenario {
        var s = base ?? Scenario()
        if let n = node["network"] {
            s.network = try network(n)
            s.options = DifferentiationOptions(reluDerivativeAtZero: try reluAtZero(n))
        }
        if let n = node["data"] {
            s.samples = try data(n, inputSize: s.network?.network.inputSize, outputSize: s.network?.network.outputSize)
        } else if let base, !base.samples.isEmpty, let net = s.network?.network,
                  base.samples[0].input.count != net.inputSize {
            throw InputError(at: node.location, "\(what): the inherited data has \(base.samples[0].input.count) inputs but this network takes \(net.inputSize)")
        }
        if let n = node["loss"] { s.loss = try loss(n) }
        if let n = node["training"] {
            let t = try training(n)
            s.training = t.sgd
            s.steps = t.steps
        }
        if let n = node["graph"] { s.graph = try graph(n) }
        if let n = node["functions"] {
            var fs: [String: FunctionSpec] = [:]
            for p in try n.mapping("functions") {
                fs[p.key.text] = try function(p.value, "function \(p.key.text)")
            }
            s.functions = fs
        }
        return s
    }

    static func reluAtZero(_ node: YAMLNode) throws(InputError) -> Double {
        guard let n = node["relu_derivative_at_zero"] else { return 0 }
        return try YAMLValues.number(n, "relu_derivative_at_zero")
    }

    // MARK: Network

    static let networkKeys = ["weight_layout", "bias", "relu_derivative_at_zero", "parameter_naming",
                              "parameter_names", "input_size", "layers", "parameters"]
    static let layerKeys = ["weights", "bias", "activation", "units"]
    /// The most weights a network may have, summed over its layers (weights set by name through
    /// `parameters` are allocated from `units` and `input_size`, so they need a bound of their own).
    static let maximumParameters = 1_000_000

    static func network(_ node: YAMLNode) throws(InputError) -> NetworkSpec {
        let pairs = try node.mapping("network")
        try YAMLValues.checkKeys(pairs, allowed: networkKeys, in: "network")
        let layout = try enumValue(node["weight_layout"], WeightLayout.self, "network.weight_layout") ?? .outIn
        let placement = try enumValue(node["bias"], BiasPlacement.self, "network.bias") ?? .separate
        guard let layersNode = node["layers"] else { throw InputError(at: node.location, "network has no 'layers'") }
        let layerNodes = try layersNode.sequence("network.layers")
        guard !layerNodes.isEmpty else { throw InputError(at: layersNode.location, "network.layers is empty") }
        guard layerNodes.count <= 1000 else { throw InputError(at: layersNode.location, "network.layers has more than 1000 layers") }

        var layers: [DenseLayer] = []
        var parameterCount = 0
        let byName = node["parameters"]
        var previousUnits = try node["input_size"].map { n throws(InputError) in try YAMLValues.integer(n, "network.input_size", range: 1...100_000) }
        for (i, ln) in layerNodes.enumerated() {
            let what = "layer \(i + 1)"
            let lp = try ln.mapping(what)
            try YAMLValues.checkKeys(lp, allowed: layerKeys, in: what)
            guard let actNode = ln["activation"] else { throw InputError(at: ln.location, "\(what) has no 'activation'") }
            let activation = try Self.activation(actNode, "\(what) activation")
            var weights: Matrix
            var bias: [Double]?
            if let wn = ln["weights"] {
                let given = try YAMLValues.matrix(wn, "\(what) weights")
                if placement == .folded && (layout == .outIn ? given.columns : given.rows) < 2 {
                    throw InputError(at: wn.location, "\(what) weights: with bias: folded the matrix needs a bias \(layout == .outIn ? "column" : "row") plus at least one input")
                }
                let c = NetworkSpec.canonical(given, layout: layout, biasPlacement: placement)
                weights = c.weights
                bias = c.bias
                if let prev = previousUnits, weights.columns != prev {
                    let expected = layout == .outIn ? "\(weights.rows)×\(prev + (placement == .folded ? 1 : 0))"
                                                    : "\(prev + (placement == .folded ? 1 : 0))×\(weights.rows)"
                    throw InputError(at: wn.location, "\(what) weights are \(given.rows)×\(given.columns) but the layer receives \(prev) inputs, so they should be \(expected) (\(layout.rawValue) layout\(placement == .folded ? ", bias folded" : ""))")
                }
                if let un = ln["units"] {
                    let units = try YAMLValues.integer(un, "\(what) units", range: 1...100_000)
                    guard units == weights.rows else {
                        throw InputError(at: un.location, "\(what) has units: \(units) but its weights give \(weights.rows) units")
                    }
                }
            } else {
                guard byName != nil else { throw InputError(at: ln.location, "\(what) has no 'weights' (or give 'units' and the network's 'parameters')") }
                guard let un = ln["units"] else { throw InputError(at: ln.location, "\(what) needs 'units' when weights come from 'parameters'") }
                guard let prev = previousUnits else { throw InputError(at: node.location, "network needs 'input_size' when weights come from 'parameters'") }
                let units = try YAMLValues.integer(un, "\(what) units", range: 1...100_000)
                // Checked before allocating: `units` and `input_size` alone could ask for 10¹⁰ weights.
                guard units * prev <= maximumParameters - parameterCount else {
                    throw InputError(at: un.location, "\(what) would have \(units)×\(prev) weights; a network may have at most \(maximumParameters) weights in all")
                }
                weights = Matrix(rows: units, columns: prev, repeating: .nan)
            }
            if let bn = ln["bias"] {
                guard placement == .separate else { throw InputError(at: bn.location, "\(what) has a separate bias but the network says bias: folded") }
                let b = try YAMLValues.vector(bn, "\(what) bias")
                guard b.count == weights.rows else {
                    throw InputError(at: bn.location, "\(what) bias has \(b.count) entries but the layer has \(weights.rows) units")
                }
                bias = b
            }
            previousUnits = weights.rows
            parameterCount += weights.rows * weights.columns
            layers.append(DenseLayer(weights: weights, bias: bias, activation: activation))
        }
        let network: Network
        do { network = try Network(layers: layers) } catch { throw InputError(at: layersNode.location, error.message) }
        var spec = NetworkSpec(network: network, layout: layout, biasPlacement: placement)
        spec.parameterNames = try parameterNames(node, spec: spec)
        if let byName { try assignParameters(byName, to: &spec) }
        return spec
    }

    static func parameterNames(_ node: YAMLNode, spec: NetworkSpec) throws(InputError) -> [String: ParameterAddress] {
        var names: [String: ParameterAddress] = [:]
        if let n = node["parameter_naming"] {
            let scheme = try YAMLValues.string(n, "network.parameter_naming")
            switch scheme {
            case "graph_nodes": names = ParameterNaming.graphNodes(spec)
            case "flat": names = ParameterNaming.flat(spec)
            default: throw InputError(at: n.location, "network.parameter_naming must be graph_nodes or flat, got '\(YAMLValues.clip(scheme))'")
            }
        }
        if let n = node["parameter_names"] {
            for p in try n.mapping("network.parameter_names") {
                let target = try YAMLValues.string(p.value, "parameter \(p.key.text)")
                guard let address = ParameterNaming.parseAddress(target) else {
                    throw InputError(at: p.value.location, "parameter \(p.key.text): '\(YAMLValues.clip(target))' should look like W1[2,3] (layer, 1-based row and column in the course layout)")
                }
                guard address.layer <= spec.network.layers.count else {
                    throw InputError(at: p.value.location, "parameter \(p.key.text): layer \(address.layer) does not exist")
                }
                let shape = spec.courseShape(layer: address.layer - 1)
                guard address.row <= shape.rows, address.column <= shape.columns else {
                    throw InputError(at: p.value.location, "parameter \(p.key.text): \(address) is outside W\(address.layer), which is \(shape.rows)×\(shape.columns)")
                }
                names[p.key.text] = address
            }
        }
        return names
    }

    static func assignParameters(_ node: YAMLNode, to spec: inout NetworkSpec) throws(InputError) {
        var course = spec.network.layers.indices.map { l in
            spec.courseWeights(layer: l, weights: spec.network.layers[l].weights, bias: spec.network.layers[l].bias)
        }
        for p in try node.mapping("network.parameters") {
            guard let a = spec.parameterNames[p.key.text] else {
                throw InputError(at: p.key.location, "network.parameters: unknown parameter '\(YAMLValues.clip(p.key.text))'; set parameter_naming or parameter_names")
            }
            course[a.layer - 1][a.row - 1, a.column - 1] = try YAMLValues.number(p.value, "parameter \(p.key.text)")
        }
        for l in course.indices {
            if let i = course[l].elements.firstIndex(where: \.isNaN) {
                let r = i / course[l].columns + 1, c = i % course[l].columns + 1
                let name = spec.parameterNames.first { $0.value == ParameterAddress(layer: l + 1, row: r, column: c) }?.key
                throw InputError(at: node.location, "network.parameters does not set \(name ?? "W\(l + 1)[\(r),\(c)]")")
            }
            let canon = NetworkSpec.canonical(course[l], layout: spec.layout, biasPlacement: spec.biasPlacement)
            spec.network.layers[l].weights = canon.weights
            if spec.biasPlacement == .folded { spec.network.layers[l].bias = canon.bias }
        }
    }

    static func enumValue<E: RawRepresentable & CaseIterable>(_ node: YAMLNode?, _ type: E.Type, _ what: String) throws(InputError) -> E?
        where E.RawValue == String
    {
        guard let node else { return nil }
        let s = try node.scalar(what)
        guard let v = E(rawValue: s.text.trimmingWhitespace()) else {
            throw InputError(at: s.location, "\(what) must be one of \(E.allCases.map(\.rawValue).joined(separator: ", ")), got '\(YAMLValues.clip(s.text))'")
        }
        return v
    }

    // MARK: Activations

    /// Names: identity (linear), relu, leaky_relu / leaky_relu(0.01), sigmoid, tanh, softplus / softplus(2),
    /// gelu, elu / elu(1.0), softmax; anything else is a custom expression in x.
    static func activation(_ node: YAMLNode, _ what: String) throws(InputError) -> Activation {
        let s = try node.scalar(what)
        let text = s.text.trimmingWhitespace()
        func param(_ name: String, default value: Double) throws(InputError) -> Double? {
            if text == name { return value }
            guard text.hasPrefix(name + "("), text.hasSuffix(")") else { return nil }
            let inner = String(text.dropFirst(name.count + 1).dropLast())
            guard let e = try? ExpressionParser.parse(inner, variables: []), let v = try? e.evaluate() else {
                throw InputError(at: s.location, "\(what): '\(YAMLValues.clip(inner))' is not a number")
            }
            return v
        }
        switch text {
        case "identity", "linear", "none": return .identity
        case "relu", "ReLU": return .relu
        case "sigmoid", "logistic", "σ": return .sigmoid
        case "tanh": return .tanh
        case "gelu", "GELU": return .gelu
        case "softmax": return .softmax
        default: break
        }
        if let v = try param("leaky_relu", default: 0.01) { return .leakyRelu(slope: v) }
        if let v = try param("softplus", default: 1) {
            guard v > 0 else { throw InputError(at: s.location, "\(what): softplus needs beta > 0") }
            return .softplus(beta: v)
        }
        if let v = try param("elu", default: 1) { return .elu(alpha: v) }
        let f = try function(node, what)
        return .custom(f.expression, source: f.source)
    }

    static func function(_ node: YAMLNode, _ what: String) throws(InputError) -> FunctionSpec {
        let s = try node.scalar(what)
        let text = s.text.trimmingWhitespace()
        do {
            let e = try ExpressionParser.parse(text, variables: ["x"])
            return FunctionSpec(expression: e, source: text)
        } catch {
            var loc = s.location
            if !s.isQuoted && !text.contains("\n") { loc.column += error.offset }
            throw InputError(at: loc, "\(what): '\(YAMLValues.clip(text))' is neither a known activation nor a valid expression in x (\(error.message))")
        }
    }

    // MARK: Data

    static func data(_ node: YAMLNode, inputSize: Int?, outputSize: Int?) throws(InputError) -> [Sample] {
        let pairs = try node.mapping("data")
        try YAMLValues.checkKeys(pairs, allowed: ["x", "y", "samples"], in: "data")
        var samples: [Sample] = []
        if let sn = node["samples"] {
            for (i, item) in try sn.sequence("data.samples").enumerated() {
                try YAMLValues.checkKeys(try item.mapping("sample \(i + 1)"), allowed: ["x", "y"], in: "sample \(i + 1)")
                guard let xn = item["x"] else { throw InputError(at: item.location, "sample \(i + 1) has no x") }
                let y = try item["y"].map { n throws(InputError) in try YAMLValues.vector(n, "sample \(i + 1) y") } ?? []
                samples.append(Sample(input: try YAMLValues.vector(xn, "sample \(i + 1) x"), target: y))
            }
        } else if let xn = node["x"] {
            let y = try node["y"].map { n throws(InputError) in try YAMLValues.vector(n, "data.y") } ?? []
            samples = [Sample(input: try YAMLValues.vector(xn, "data.x"), target: y)]
        } else {
            throw InputError(at: node.location, "data needs x (and y) or samples")
        }
        for (i, s) in samples.enumerated() {
            if let n = inputSize, s.input.count != n {
                throw InputError(at: node.location, "data: sample \(i + 1) has \(s.input.count) inputs but the network takes \(n)")
            }
            if let k = outputSize, !s.target.isEmpty, s.target.count != k {
                throw InputError(at: node.location, "data: sample \(i + 1) has \(s.target.count) targets but the network has \(k) outputs")
            }
        }
        return samples
    }

    // MARK: Loss

    /// Names: half_sse (½Σ), sse (Σ), mse (mean), half_mse (½·mean), bce, cross_entropy; or a mapping
    /// {type: squared_error|bce|cross_entropy, scale:, alpha:, beta:, reduction:, batch:}.
    static func loss(_ node: YAMLNode) throws(InputError) -> Loss {
        var typeNode = node
        var batch = Loss.Reduction.mean
        if case .mapping(let pairs, _) = node {
            try YAMLValues.checkKeys(pairs, allowed: ["type", "scale", "alpha", "beta", "reduction", "batch"], in: "loss")
            guard let t = node["type"] else { throw InputError(at: node.location, "loss needs a type") }
            typeNode = t
            batch = try enumValue(node["batch"], Loss.Reduction.self, "loss.batch") ?? .mean
        }
        let s = try typeNode.scalar("loss")
        let reduction = try enumValue(node["reduction"], Loss.Reduction.self, "loss.reduction")
        switch s.text.trimmingWhitespace() {
        case "half_sse", "half_sum": return Loss(.squaredError(.halfSum), batchReduction: batch)
        case "sse": return Loss(.squaredError(.sum), batchReduction: batch)
        case "mse": return Loss(.squaredError(.mean), batchReduction: batch)
        case "half_mse", "half_mean": return Loss(.squaredError(.halfMean), batchReduction: batch)
        case "squared_error":
            let scale = try enumValue(node["scale"], Loss.SquaredErrorScale.self, "loss.scale") ?? .halfSum
            return Loss(.squaredError(scale), batchReduction: batch)
        case "bce", "binary_cross_entropy":
            let a = try node["alpha"].map { n throws(InputError) in try YAMLValues.number(n, "loss.alpha") } ?? 1
            let b = try node["beta"].map { n throws(InputError) in try YAMLValues.number(n, "loss.beta") } ?? 1
            return Loss(.binaryCrossEntropy(positiveWeight: a, negativeWeight: b, reduction: reduction ?? .sum), batchReduction: batch)
        case "cross_entropy", "ce", "softmax_cross_entropy", "categorical_cross_entropy":
            return Loss(.crossEntropy(reduction: reduction ?? .sum), batchReduction: batch)
        default:
            throw InputError(at: s.location, "unknown loss '\(YAMLValues.clip(s.text))'; expected half_sse, sse, mse, half_mse, squared_error, bce or cross_entropy")
        }
    }

    // MARK: Training

    static func training(_ node: YAMLNode) throws(InputError) -> (sgd: SGD, steps: Int) {
        try YAMLValues.checkKeys(try node.mapping("training"), allowed: ["learning_rate", "steps", "momentum", "schedule"], in: "training")
        guard let lr = node["learning_rate"] else { throw InputError(at: node.location, "training needs a learning_rate") }
        let rate = try YAMLValues.number(lr, "training.learning_rate")
        let steps = try node["steps"].map { n throws(InputError) in try YAMLValues.integer(n, "training.steps", range: 0...100_000) } ?? 1
        let momentum = try node["momentum"].map { n throws(InputError) in try YAMLValues.number(n, "training.momentum") } ?? 0
        let schedule = try enumValue(node["schedule"], SGD.Schedule.self, "training.schedule") ?? .batch
        return (SGD(learningRate: rate, momentum: momentum, schedule: schedule), steps)
    }

    // MARK: Graph

    static func graph(_ node: YAMLNode) throws(InputError) -> GraphSpec {
        try YAMLValues.checkKeys(try node.mapping("graph"), allowed: ["inputs", "nodes"], in: "graph")
        guard let inputsNode = node["inputs"] else { throw InputError(at: node.location, "graph needs inputs") }
        guard let nodesNode = node["nodes"] else { throw InputError(at: node.location, "graph needs nodes") }
        var inputs: [String: Double] = [:]
        var order: [String] = []
        for p in try inputsNode.mapping("graph.inputs") {
            inputs[p.key.text] = try YAMLValues.number(p.value, "graph input \(p.key.text)")
            order.append(p.key.text)
        }
        var definitions: [(name: String, source: String)] = []
        var locations: [String: SourceLocation] = [:]
        for p in try nodesNode.mapping("graph.nodes") {
            definitions.append((p.key.text, try YAMLValues.string(p.value, "graph node \(p.key.text)")))
            locations[p.key.text] = p.value.location
            order.append(p.key.text)
        }
        do {
            let g = try ComputationGraph(inputs: Array(inputs.keys).sorted(), definitions: definitions)
            return GraphSpec(graph: g, inputs: inputs, order: order)
        } catch {
            var loc = nodesNode.location
            switch error {
            case .duplicateName(let n), .cycle(let n): loc = locations[n] ?? loc
            case .unknownName(_, let n), .expression(let n, _): loc = locations[n] ?? loc
            }
            throw InputError(at: loc, "graph: \(error)")
        }
    }
}

/// Automatic names for single weights.
enum ParameterNaming {
    /// `w{i},{j}`: the weight from node i to node j, nodes numbered from 1 through the inputs, then
    /// each layer's units in order (seed 000: inputs 1–2, hidden 3–5, output 6).
    static func graphNodes(_ spec: NetworkSpec) -> [String: ParameterAddress] {
        var names: [String: ParameterAddress] = [:]
        var offset = 0
        for (l, layer) in spec.network.layers.enumerated() {
            let inOffset = offset
            let outOffset = offset + layer.inputSize
            for unit in 0..<layer.outputSize {
                for input in 0..<layer.inputSize {
                    names["w\(inOffset + input + 1),\(outOffset + unit + 1)"] = address(spec, layer: l, unit: unit, input: input)
                }
            }
            offset += layer.inputSize
        }
        return names
    }

    /// `w1`, `w2`, …: layer by layer, unit by unit, input by input (row-major in out × in order).
    static func flat(_ spec: NetworkSpec) -> [String: ParameterAddress] {
        var names: [String: ParameterAddress] = [:]
        var k = 1
        for (l, layer) in spec.network.layers.enumerated() {
            for unit in 0..<layer.outputSize {
                for input in 0..<layer.inputSize {
                    names["w\(k)"] = address(spec, layer: l, unit: unit, input: input)
                    k += 1
                }
            }
        }
        return names
    }

    static func address(_ spec: NetworkSpec, layer l: Int, unit: Int, input: Int) -> ParameterAddress {
        let col = input + (spec.biasPlacement == .folded ? 1 : 0)
        return spec.layout == .outIn
            ? ParameterAddress(layer: l + 1, row: unit + 1, column: col + 1)
            : ParameterAddress(layer: l + 1, row: col + 1, column: unit + 1)
    }

    /// Parses `W2[1,3]`.
    static func parseAddress(_ text: String) -> ParameterAddress? {
        let t = text.trimmingWhitespace()
        guard t.hasPrefix("W"), t.hasSuffix("]"), let open = t.firstIndex(of: "[") else { return nil }
        guard let layer = Int(t[t.index(after: t.startIndex)..<open]), layer >= 1 else { return nil }
        let parts = t[t.index(after: open)..<t.index(before: t.endIndex)].split(separator: ",")
        guard parts.count == 2, let r = Int(parts[0].trimmingWhitespace()), let c = Int(parts[1].trimmingWhitespace()),
              r >= 1, c >= 1 else { return nil }
        return ParameterAddress(layer: layer, row: r, column: c)
    }
}
