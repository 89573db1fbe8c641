import NNCore

/// The names a formula answer may use in a network scenario, and the quantity each stands for.
///
/// Per layer l (1-based): `zl`, `al`, `Wl` (course layout), `bl` (when the layer has a bias),
/// `deltal` (δ = ∂L/∂z); and `x`, `y`, `y_hat`, `x1`…`xn` (the input's entries, as the seeds
/// write x₂). Vectors are columns. Functions: `fl` for layer l's activation, and every function
/// the scenario declares under `functions`.
public enum FormulaSymbols {
    /// The default symbols of a network scenario.
    public static func quantities(for spec: NetworkSpec, hasLoss: Bool) -> [String: QuantityReference] {
        var names: [String: QuantityReference] = ["x": .init(.input), "y": .init(.target), "y_hat": .init(.output)]
        let layers = spec.network.layers
        for (i, layer) in layers.enumerated() {
            let l = i + 1
            names["z\(l)"] = .init(.preActivation(l))
            names["a\(l)"] = .init(.activation(l))
            names["W\(l)"] = .init(.weights(l))
            if layer.bias != nil && spec.biasPlacement == .separate { names["b\(l)"] = .init(.bias(l)) }
            if hasLoss { names["delta\(l)"] = .init(.delta(l)) }
        }
        let n = spec.network.inputSize
        if n > 1 && n <= 100 {
            for i in 1...n where names["x\(i)"] == nil { names["x\(i)"] = .init(.input, element: [i]) }
        }
        return names
    }

    /// Layer activations as `f1`, `f2`, … and the scenario's declared functions.
    public static func functions(for scenario: Scenario) -> [String: Activation] {
        var out: [String: Activation] = [:]
        if let layers = scenario.network?.network.layers {
            for (i, layer) in layers.enumerated() { out["f\(i + 1)"] = layer.activation }
        }
        for (name, f) in scenario.functions { out[name] = .custom(f.expression, source: f.source) }
        return out
    }
}
