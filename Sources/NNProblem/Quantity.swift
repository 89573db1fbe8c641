import NNCore

/// The quantities a scenario defines.
public enum Quantity: Sendable, Hashable, CustomStringConvertible {
    /// The input x.
    case input
    /// The target y.
    case target
    /// The output ŷ.
    case output
    /// The loss.
    case loss
    /// z of a 1-based layer.
    case preActivation(Int)
    /// a of a 1-based layer.
    case activation(Int)
    /// W of a layer (course layout).
    case weights(Int)
    /// b of a layer.
    case bias(Int)
    /// δ = ∂L/∂z of a layer.
    case delta(Int)
    /// ∂L/∂a of a layer.
    case gradActivation(Int)
    /// ∂L/∂W of a layer (course layout).
    case gradWeights(Int)
    /// ∂L/∂b of a layer.
    case gradBias(Int)
    /// ∂L/∂ŷ.
    case gradOutput
    /// ∂L/∂x.
    case gradInput
    /// ∂a/∂z of a layer.
    case activationJacobian(Int)
    /// ∂z⁽ˡ⁺¹⁾/∂a⁽ˡ⁾ for layer l (1-based; the Jacobian of layer l + 1's affine map).
    case affineJacobian(Int)
    /// A named parameter.
    case parameter(String)
    /// ∂L/∂(named parameter).
    case gradParameter(String)
    /// A quantity after the configured SGD steps (weights, bias, parameter, loss, output).
    indirect case updated(Quantity)
    /// A graph node's value.
    case graphValue(String)
    /// ∂of/∂wrt through the graph.
    case graphGradient(of: String, wrt: String)
    /// A named function's value at a point.
    case functionValue(String, at: Double)
    /// A named function's derivative at a point.
    case functionDerivative(String, at: Double)

    /// Whether the value is computed from the forward pass, so that overriding an intermediate
    /// value (`ScenarioEvaluator.overrides`, used for follow-through credit) can change it.
    /// Parameters, inputs, graphs and functions do not use the forward pass; updated parameters
    /// come from a separate training run, which overrides do not reach.
    public var dependsOnForwardPass: Bool {
        switch self {
        case .output, .loss, .preActivation, .activation, .delta, .gradActivation, .gradWeights, .gradBias,
             .gradOutput, .gradInput, .activationJacobian, .gradParameter:
            return true
        case .input, .target, .weights, .bias, .affineJacobian, .parameter, .updated, .graphValue, .graphGradient,
             .functionValue, .functionDerivative:
            return false
        }
    }

    public var description: String {
        switch self {
        case .input: return "x"
        case .target: return "y"
        case .output: return "y_hat"
        case .loss: return "loss"
        case .preActivation(let l): return "z\(l)"
        case .activation(let l): return "a\(l)"
        case .weights(let l): return "W\(l)"
        case .bias(let l): return "b\(l)"
        case .delta(let l): return "delta\(l)"
        case .gradActivation(let l): return "dL/da\(l)"
        case .gradWeights(let l): return "dL/dW\(l)"
        case .gradBias(let l): return "dL/db\(l)"
        case .gradOutput: return "dL/dy_hat"
        case .gradInput: return "dL/dx"
        case .activationJacobian(let l): return "da\(l)/dz\(l)"
        case .affineJacobian(let l): return "dz\(l + 1)/da\(l)"
        case .parameter(let n): return n
        case .gradParameter(let n): return "dL/d\(n)"
        case .updated(let q): return "updated.\(q)"
        case .graphValue(let n): return "graph.\(n)"
        case .graphGradient(let of, let wrt): return "graph.d\(of)/d\(wrt)"
        case .functionValue(let f, let x): return "\(f)(\(NumberFormatting.short(x)))"
        case .functionDerivative(let f, let x): return "\(f)'(\(NumberFormatting.short(x)))"
        }
    }
}
