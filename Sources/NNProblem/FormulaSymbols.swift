import NNCore

/// The names a formula answer may use in a network scenario, and the quantity each stands for.
///
/// Per layer l (1-based): `zl`, `al`, `Wl` (course layout), `bl` (when the layer has a bias),
/// `deltal` (δ = ∂L/∂z); and `x`, `y`, `y_hat`, `x1`…`xn` (the input's entries, as the seeds
/// write x₂). Vectors are columns. Functions: `fl` for layer l's activation, and every function
/// the scenario declares under `functions`.
public enum FormulaSymbols {
    /// The default symbols of a network scenario.
    public static func quantities(for spec: NetworkSpec, hasLoss: Bool) -> [String: Quantity] {
        var names: [String: Quantity] = ["x": .input, "y": .target, "y_hat": .output]
        let layers = spec.network.layers
        for (i, layer) in layers.enumerated() {
            let l = i + 1
            names["z\(l)"] = .preActivation(l)
            names["a\(l)"] = .activation(l)
            names["W\(l)"] = .weights(l)
            if layer.bias != nil && spec.biasPlacement == .separate { names["b\(l)"] = .bias(l) }
            if hasLoss { names["delta\(l)"] = .delta(l) }
        }
        return names
    }

    /// Input entries `x1`…`xn` (not when the input is wider than 100).
    public static func inputEntries(_ spec: NetworkSpec) -> [String] {
        let n = spec.network.inputSize
        return n > 1 && n <= 100 ? (1...n).map { "x\($0)" } : []
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
