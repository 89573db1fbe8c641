import NNCore

/// What a randomised value sets in a scenario.
///
/// Values apply to every scenario that has the thing they set: named scenarios inherit the
/// default scenario's network and data, and get the same numbers.
public enum VariantTarget: Sendable, Hashable {
    /// A named parameter (`w3,6`, `w1`, or a `parameter_names` entry), at its weight address.
    case parameter(ParameterAddress)
    /// One weight entry in the course layout, `W1[2,1]` (1-based layer, row, column).
    case weight(ParameterAddress)
    /// One bias entry, `b1[2]` (1-based layer and unit).
    case bias(layer: Int, unit: Int)
    /// The input: the whole vector (`x`) or one 1-based entry (`x[2]`). One sample only.
    case input(entry: Int?)
    /// The target: the whole vector (`y`) or one entry (`y[1]`). One sample only.
    case target(entry: Int?)
    /// The learning rate.
    case learningRate
    /// A graph input value, `graph.x`.
    case graphInput(String)

    /// Whether the value set is one number (so a `range` can draw it); `x` and `y` are vectors.
    public var isScalar: Bool {
        switch self {
        case .input(let e), .target(let e): return e != nil
        default: return true
        }
    }

    /// Whether the scenario has what this target sets.
    public func applies(to s: Scenario) -> Bool {
        switch self {
        case .parameter(let a), .weight(let a):
            guard let spec = s.network, a.layer <= spec.network.layers.count else { return false }
            let shape = spec.courseShape(layer: a.layer - 1)
            return a.row <= shape.rows && a.column <= shape.columns
        case .bias(let l, let unit):
            guard let layers = s.network?.network.layers, l <= layers.count, let b = layers[l - 1].bias else { return false }
            return unit <= b.count
        case .input(let e):
            guard s.samples.count == 1 else { return false }
            return e.map { $0 <= s.samples[0].input.count } ?? true
        case .target(let e):
            guard s.samples.count == 1 else { return false }
            return e.map { $0 <= s.samples[0].target.count } ?? true
        case .learningRate: return s.training != nil
        case .graphInput(let n): return s.graph?.inputs[n] != nil
        }
    }

    /// The scenario with this target set to `value` (a number, or a vector for `x` and `y`).
    /// The caller has checked `applies(to:)` and the value's size.
    public func applied(_ value: Tensor, to s: Scenario) -> Scenario {
        var s = s
        switch self {
        case .parameter(let a), .weight(let a):
            guard var spec = s.network, let v = value.scalarValue else { return s }
            let l = a.layer - 1
            let layer = spec.network.layers[l]
            var course = spec.courseWeights(layer: l, weights: layer.weights, bias: layer.bias)
            course[a.row - 1, a.column - 1] = v
            let canonical = NetworkSpec.canonical(course, layout: spec.layout, biasPlacement: spec.biasPlacement)
            spec.network.layers[l].weights = canonical.weights
            if spec.biasPlacement == .folded { spec.network.layers[l].bias = canonical.bias }
            s.network = spec
        case .bias(let l, let unit):
            guard var spec = s.network, let v = value.scalarValue else { return s }
            spec.network.layers[l - 1].bias?[unit - 1] = v
            s.network = spec
        case .input(let e):
            var sample = s.samples[0]
            if let e, let v = value.scalarValue { sample.input[e - 1] = v } else { sample.input = value.scalars }
            s.samples = [sample]
        case .target(let e):
            var sample = s.samples[0]
            if let e, let v = value.scalarValue { sample.target[e - 1] = v } else { sample.target = value.scalars }
            s.samples = [sample]
        case .learningRate:
            guard let t = s.training, let v = value.scalarValue else { return s }
            s.training = SGD(learningRate: v, momentum: t.momentum, schedule: t.schedule)
        case .graphInput(let n):
            guard let v = value.scalarValue else { return s }
            s.graph?.inputs[n] = v
        }
        return s
    }

    /// The size a whole-vector value must have in `s` (`x` and `y`), or nil for a number.
    public func vectorSize(in s: Scenario) -> Int? {
        switch self {
        case .input(nil): return s.samples.first?.input.count
        case .target(nil): return s.samples.first?.target.count
        default: return nil
        }
    }
}
