/// The value of one primitive operation and its local partial derivatives with respect to its
/// (up to three) arguments.
struct ExpressionLocal {
    var value: Double
    var d0 = 0.0
    var d1 = 0.0
    var d2 = 0.0

    /// The partial with respect to argument `index` (0, 1 or 2).
    func partial(_ index: Int) -> Double {
        switch index {
        case 0: return d0
        case 1: return d1
        default: return d2
        }
    }
}

/// The single definition of every primitive's value, domain and local derivatives, shared by
/// plain evaluation and by recording on a `Tape`. Values that are NaN or infinite throw.
enum ExpressionKernel {
    static func error(_ message: String) -> ExpressionError { ExpressionError(message: message, offset: 0) }

    /// Throws unless `value` is finite.
    static func checked(_ value: Double) throws(ExpressionError) -> Double {
        guard value.isFinite else { throw error("result is not a finite number") }
        return value
    }

    /// Throws unless a bound variable's value is finite.
    static func checkedBinding(_ value: Double, name: String) throws(ExpressionError) -> Double {
        guard value.isFinite else { throw error("value of '\(name)' is not a finite number") }
        return value
    }

    static func negate(_ x: Double) -> ExpressionLocal { ExpressionLocal(value: -x, d0: -1) }

    static func binary(_ op: Expression.BinaryOperator, _ a: Double, _ b: Double) throws(ExpressionError) -> ExpressionLocal {
        switch op {
        case .add: return ExpressionLocal(value: try checked(a + b), d0: 1, d1: 1)
        case .subtract: return ExpressionLocal(value: try checked(a - b), d0: 1, d1: -1)
        case .multiply: return ExpressionLocal(value: try checked(a * b), d0: b, d1: a)
        case .divide:
            guard b != 0 else { throw error("division by zero") }
            return ExpressionLocal(value: try checked(a / b), d0: 1 / b, d1: -a / (b * b))
        case .power: return try power(a, b)
        }
    }

    static func power(_ a: Double, _ b: Double) throws(ExpressionError) -> ExpressionLocal {
        if a < 0 && b != b.rounded() { throw error("negative base with a non-integer exponent") }
        if a == 0 && b < 0 { throw error("division by zero") }
        let value = try checked(Elementary.pow(a, b))
        let da = b == 0 ? 0 : b * Elementary.pow(a, b - 1)
        let db: Double
        if a > 0 { db = value * Elementary.log(a) } else if a == 0 && b > 0 { db = 0 } else { db = .nan }
        return ExpressionLocal(value: value, d0: da, d1: db)
    }

    /// The numerically stable logistic sigmoid.
    static func sigmoid(_ x: Double) -> Double {
        if x >= 0 { return 1 / (1 + Elementary.exp(-x)) }
        let z = Elementary.exp(x)
        return z / (1 + z)
    }

    /// log(1 + eᵗ) without overflow.
    static func softplus(_ t: Double) -> Double {
        Swift.max(t, 0) + Elementary.log1p(Elementary.exp(-Swift.abs(t)))
    }

    /// Index of the argument that `min`, `max` or `clamp` passes through (value and gradient).
    static func selection(_ function: Expression.Function, _ args: [Double]) throws(ExpressionError) -> Int {
        switch function {
        case .min:
            var best = 0
            for i in args.indices.dropFirst() where args[i] < args[best] { best = i }
            return best
        case .max:
            var best = 0
            for i in args.indices.dropFirst() where args[i] > args[best] { best = i }
            return best
        case .clamp:
            guard args[1] <= args[2] else { throw error("clamp lower bound is greater than upper bound") }
            if args[0] < args[1] { return 1 }
            if args[0] > args[2] { return 2 }
            return 0
        default:
            preconditionFailure("not a selection function")
        }
    }

    /// Whether `function` merely selects one of its arguments.
    static func isSelection(_ function: Expression.Function) -> Bool {
        function == .min || function == .max || function == .clamp
    }

    /// Value and partials of a non-selection function applied to `args`.
    static func call(
        _ function: Expression.Function, _ args: [Double], options: EvaluationOptions
    ) throws(ExpressionError) -> ExpressionLocal {
        let x = args[0]
        switch function {
        case .exp:
            let v = try checked(Elementary.exp(x))
            return ExpressionLocal(value: v, d0: v)
        case .ln, .log, .log10, .log2:
            guard x > 0 else { throw error("\(function.name) of a non-positive number") }
            let scale: Double
            let v: Double
            switch function {
            case .log10: v = Elementary.log10(x); scale = Elementary.log(10)
            case .log2: v = Elementary.log2(x); scale = Elementary.log(2)
            default: v = Elementary.log(x); scale = 1
            }
            return ExpressionLocal(value: try checked(v), d0: 1 / (x * scale))
        case .sqrt:
            guard x >= 0 else { throw error("sqrt of a negative number") }
            let v = Elementary.sqrt(x)
            return ExpressionLocal(value: v, d0: 0.5 / v)
        case .abs:
            return ExpressionLocal(value: Swift.abs(x), d0: x > 0 ? 1 : (x < 0 ? -1 : 0))
        case .sin:
            return ExpressionLocal(value: try checked(Elementary.sin(x)), d0: Elementary.cos(x))
        case .cos:
            return ExpressionLocal(value: try checked(Elementary.cos(x)), d0: -Elementary.sin(x))
        case .tanh:
            let v = Elementary.tanh(x)
            return ExpressionLocal(value: try checked(v), d0: 1 - v * v)
        case .sigmoid:
            let s = sigmoid(x)
            return ExpressionLocal(value: try checked(s), d0: s * sigmoid(-x))
        case .relu:
            let d = x > 0 ? 1 : (x < 0 ? 0 : options.reluDerivativeAtZero)
            return ExpressionLocal(value: x > 0 ? x : 0, d0: d)
        case .softplus:
            let beta = args.count > 1 ? args[1] : 1
            guard beta != 0 else { throw error("softplus beta must not be zero") }
            let t = try checked(beta * x)
            let v = try checked(softplus(t) / beta)
            let s = sigmoid(t)
            return ExpressionLocal(value: v, d0: s, d1: (x * s - v) / beta)
        case .leakyRelu:
            let slope = args[1]
            let r = options.reluDerivativeAtZero
            let d = x > 0 ? 1 : (x < 0 ? slope : r + (1 - r) * slope)
            return ExpressionLocal(value: try checked(x > 0 ? x : slope * x), d0: d, d1: x > 0 ? 0 : x)
        case .elu:
            let alpha = args[1]
            if x > 0 { return ExpressionLocal(value: x, d0: 1, d1: 0) }
            let m = Elementary.expm1(x)
            return ExpressionLocal(value: try checked(alpha * m), d0: alpha * Elementary.exp(x), d1: m)
        case .gelu:
            let phi = 0.5 * (1 + Elementary.erf(x / 2.0.squareRoot()))
            let density = Elementary.exp(-0.5 * x * x) / (2 * Elementary.pi).squareRoot()
            return ExpressionLocal(value: try checked(x * phi), d0: phi + x * density)
        case .erf:
            return ExpressionLocal(value: Elementary.erf(x), d0: 2 / Elementary.pi.squareRoot() * Elementary.exp(-x * x))
        case .min, .max, .clamp:
            let index = try selection(function, args)
            var local = ExpressionLocal(value: args[index])
            switch index {
            case 0: local.d0 = 1
            case 1: local.d1 = 1
            default: local.d2 = 1
            }
            return local
        }
    }
}
