/// An activation function, applied after a layer's affine map.
///
/// Every activation except `softmax` acts element-wise. Conventions:
/// - `relu`: max(0, z); its derivative at exactly 0 is `DifferentiationOptions.reluDerivativeAtZero`
///   (0 by default).
/// - `leakyRelu(slope)`: z for z > 0, slope·z otherwise; derivative at 0 is `slope` unless
///   `reluDerivativeAtZero` is 1, then 1.
/// - `sigmoid`: 1 / (1 + e⁻ᶻ), evaluated without overflow for any finite z.
/// - `softplus(beta)`: log(1 + e^(βz)) / β, evaluated stably.
/// - `gelu`: z·Φ(z) with Φ(z) = ½(1 + erf(z/√2)) (the exact erf form, not the tanh approximation).
/// - `elu(alpha)`: z for z > 0, α(eᶻ − 1) otherwise.
/// - `softmax`: eᶻⁱ / Σⱼ eᶻʲ over the whole vector, computed after subtracting max(z).
/// - `custom`: an element-wise expression in `x`; its derivative comes from the expression engine's
///   automatic differentiation.
public enum Activation: Sendable, Hashable {
    /// a = z.
    case identity
    /// a = max(0, z).
    case relu
    /// a = z for z > 0, slope·z otherwise.
    case leakyRelu(slope: Double)
    /// a = 1 / (1 + e⁻ᶻ).
    case sigmoid
    /// a = tanh z.
    case tanh
    /// a = log(1 + e^(βz)) / β.
    case softplus(beta: Double)
    /// a = z·Φ(z).
    case gelu
    /// a = z for z > 0, α(eᶻ − 1) otherwise.
    case elu(alpha: Double)
    /// a = softmax(z) over the vector.
    case softmax
    /// a = f(z) for an expression f in the variable `x`; `source` is the text it was written as.
    case custom(Expression, source: String)

    /// Whether the activation acts on each entry independently (all but softmax).
    public var isElementwise: Bool {
        if case .softmax = self { return false }
        return true
    }

    /// Whether the derivative at z = 0 is a convention (ReLU'(0)): relu, leaky_relu, and custom
    /// expressions that call either.
    public var dependsOnReluDerivativeAtZero: Bool {
        switch self {
        case .relu, .leakyRelu: return true
        case .custom(let e, _): return e.calls { $0 == .relu || $0 == .leakyRelu }
        default: return false
        }
    }

    /// A short name for tables and step-by-step output, e.g. `relu`, `leaky_relu(0.01)`, `5*relu(x)`.
    public var name: String {
        switch self {
        case .identity: return "identity"
        case .relu: return "relu"
        case .leakyRelu(let s): return "leaky_relu(\(NumberFormatting.short(s)))"
        case .sigmoid: return "sigmoid"
        case .tanh: return "tanh"
        case .softplus(let b): return b == 1 ? "softplus" : "softplus(\(NumberFormatting.short(b)))"
        case .gelu: return "gelu"
        case .elu(let a): return "elu(\(NumberFormatting.short(a)))"
        case .softmax: return "softmax"
        case .custom(_, let source): return source
        }
    }

    /// Applies the activation to a pre-activation vector.
    public func apply(_ z: [Double], options: DifferentiationOptions = .init()) throws(NetworkError) -> [Double] {
        switch self {
        case .softmax:
            return Activation.softmax(z)
        case .custom(let expression, let source):
            var out = [Double](repeating: 0, count: z.count)
            for i in z.indices {
                do {
                    out[i] = try expression.evaluate(["x": z[i]], options: options.evaluation)
                } catch {
                    throw NetworkError("activation \(source) at x = \(NumberFormatting.short(z[i])): \(error.message)")
                }
            }
            return out
        default:
            return z.map { scalarValue($0) }
        }
    }

    /// f'(z) for an element-wise activation. Not meaningful for softmax (use `jacobian`).
    public func derivative(at z: Double, options: DifferentiationOptions = .init()) throws(NetworkError) -> Double {
        switch self {
        case .identity: return 1
        case .relu: return z > 0 ? 1 : (z < 0 ? 0 : options.reluDerivativeAtZero)
        case .leakyRelu(let slope):
            if z > 0 { return 1 }
            if z < 0 { return slope }
            return options.reluDerivativeAtZero == 1 ? 1 : slope
        case .sigmoid:
            let s = Activation.sigmoid(z)
            return s * (1 - s)
        case .tanh:
            let t = Elementary.tanh(z)
            return 1 - t * t
        case .softplus(let beta): return Activation.sigmoid(beta * z)
        case .gelu:
            let phi = 0.5 * (1 + Elementary.erf(z / 2.0.squareRoot()))
            let density = Elementary.exp(-0.5 * z * z) / (2 * Double.pi).squareRoot()
            return phi + z * density
        case .elu(let alpha): return z > 0 ? 1 : alpha * Elementary.exp(z)
        case .softmax: return 0
        case .custom(let expression, let source):
            do {
                return try expression.valueAndDerivative(
                    withRespectTo: "x", at: z, options: options.evaluation
                ).derivative
            } catch {
                throw NetworkError("derivative of activation \(source) at x = \(NumberFormatting.short(z)): \(error.message)")
            }
        }
    }

    /// The Jacobian ∂a/∂z: diagonal for element-wise activations, full for softmax.
    public func jacobian(z: [Double], a: [Double], options: DifferentiationOptions = .init()) throws(NetworkError) -> Matrix {
        if case .softmax = self {
            var j = Matrix(rows: a.count, columns: a.count)
            for r in 0..<a.count {
                for c in 0..<a.count { j[r, c] = (r == c ? a[r] : 0) - a[r] * a[c] }
            }
            return j
        }
        var d = [Double](repeating: 0, count: z.count)
        for i in z.indices { d[i] = try derivative(at: z[i], options: options) }
        return .diagonal(d)
    }

    /// Back-propagates ∂L/∂a to ∂L/∂z: (∂a/∂z)ᵀ · upstream.
    public func backward(z: [Double], a: [Double], upstream: [Double], options: DifferentiationOptions = .init()) throws(NetworkError) -> [Double] {
        if case .softmax = self {
            var dot = 0.0
            for i in a.indices { dot += upstream[i] * a[i] }
            return a.indices.map { a[$0] * (upstream[$0] - dot) }
        }
        var out = [Double](repeating: 0, count: z.count)
        for i in z.indices { out[i] = upstream[i] * (try derivative(at: z[i], options: options)) }
        return out
    }

    /// The element-wise value f(z) for built-in activations (softmax and custom excluded).
    func scalarValue(_ z: Double) -> Double {
        switch self {
        case .identity: return z
        case .relu: return z > 0 ? z : 0
        case .leakyRelu(let slope): return z > 0 ? z : slope * z
        case .sigmoid: return Activation.sigmoid(z)
        case .tanh: return Elementary.tanh(z)
        case .softplus(let beta): return Activation.softplus(beta * z) / beta
        case .gelu: return z * 0.5 * (1 + Elementary.erf(z / 2.0.squareRoot()))
        case .elu(let alpha): return z > 0 ? z : alpha * Elementary.expm1(z)
        case .softmax, .custom: return z
        }
    }

    /// The logistic sigmoid, stable for large |z|: uses e^(−|z|) so nothing overflows.
    public static func sigmoid(_ z: Double) -> Double {
        if z >= 0 {
            return 1 / (1 + Elementary.exp(-z))
        }
        let e = Elementary.exp(z)
        return e / (1 + e)
    }

    /// log(1 + eᶻ), stable: max(z, 0) + log1p(e^(−|z|)).
    public static func softplus(_ z: Double) -> Double {
        max(z, 0) + Elementary.log1p(Elementary.exp(-abs(z)))
    }

    /// Softmax after subtracting the maximum, so that no exponential overflows.
    public static func softmax(_ z: [Double]) -> [Double] {
        guard let m = z.max() else { return [] }
        let e = z.map { Elementary.exp($0 - m) }
        let s = e.reduce(0, +)
        return e.map { $0 / s }
    }

    /// log Σ eᶻⁱ, computed as m + log Σ e^(zᵢ − m) with m = max z.
    public static func logSumExp(_ z: [Double]) -> Double {
        guard let m = z.max() else { return -.infinity }
        return m + Elementary.log(z.reduce(0) { $0 + Elementary.exp($1 - m) })
    }
}

/// Options that fix the conventions for derivatives at kinks.
public struct DifferentiationOptions: Sendable, Hashable {
    /// ReLU'(0); 0 by default (PyTorch's convention). Some courses use 1 or 0.5.
    public var reluDerivativeAtZero: Double

    /// Creates options; ReLU'(0) defaults to 0.
    public init(reluDerivativeAtZero: Double = 0) { self.reluDerivativeAtZero = reluDerivativeAtZero }

    /// The same options for the expression engine.
    public var evaluation: EvaluationOptions { EvaluationOptions(reluDerivativeAtZero: reluDerivativeAtZero) }
}
