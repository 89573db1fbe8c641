extension Expression {
    /// A built-in function callable as `name(arguments)`. `if` is not a function: see `conditional`.
    public enum Function: String, Sendable, Hashable, CaseIterable {
        /// eˣ.
        case exp
        /// Natural logarithm.
        case ln
        /// Natural logarithm (same as `ln`).
        case log
        /// Base-10 logarithm.
        case log10
        /// Base-2 logarithm.
        case log2
        /// Square root.
        case sqrt
        /// Absolute value; derivative 0 at 0.
        case abs
        /// Sine.
        case sin
        /// Cosine.
        case cos
        /// Hyperbolic tangent.
        case tanh
        /// Logistic sigmoid 1 / (1 + e⁻ˣ), computed stably.
        case sigmoid
        /// max(x, 0); derivative at 0 from `EvaluationOptions.reluDerivativeAtZero`.
        case relu
        /// softplus(x) = log(1 + eˣ), or softplus(x, β) = log(1 + e^(βx)) / β, computed stably.
        case softplus
        /// leaky_relu(x, slope) = x for x > 0, slope·x otherwise.
        case leakyRelu = "leaky_relu"
        /// elu(x, α) = x for x > 0, α(eˣ − 1) otherwise.
        case elu
        /// GELU in its exact erf form x·Φ(x).
        case gelu
        /// The error function erf(x) = (2/√π) ∫₀ˣ e^(−t²) dt.
        case erf
        /// The smallest of two or more arguments (ties pick the first).
        case min
        /// The largest of two or more arguments (ties pick the first).
        case max
        /// clamp(x, lo, hi) = min(max(x, lo), hi); requires lo ≤ hi.
        case clamp

        /// The name as written in expressions.
        public var name: String { rawValue }

        /// The allowed numbers of arguments.
        public var arity: ClosedRange<Int> {
            switch self {
            case .softplus: return 1...2
            case .leakyRelu, .elu: return 2...2
            case .min, .max: return 2...Int.max
            case .clamp: return 3...3
            default: return 1...1
            }
        }

        /// A human-readable description of `arity`, e.g. "1 or 2 arguments".
        var arityDescription: String {
            switch self {
            case .softplus: return "1 or 2 arguments"
            case .leakyRelu, .elu: return "2 arguments"
            case .min, .max: return "at least 2 arguments"
            case .clamp: return "3 arguments"
            default: return "1 argument"
            }
        }
    }
}
