import NNCore

/// What a question asks for: a quantity of the scenario, optionally one element of it.
///
/// The `ask` syntax (layers are numbered from 1, indices are 1-based as in hand calculations):
///
/// | ask | meaning |
/// |---|---|
/// | `x`, `y`, `y_hat` (or `output`), `loss` | input, target, network output ŷ, loss |
/// | `z2`, `a2` | pre-activation and activation of layer 2 |
/// | `W2`, `b2` | weights (course layout) and bias of layer 2 |
/// | `delta2` (or `dL/dz2`), `dL/da2`, `dL/dW2`, `dL/db2` | derivatives at layer 2 |
/// | `dL/dy_hat`, `dL/dx` | ∂L/∂ŷ and ∂L/∂x |
/// | `da2/dz2` | Jacobian of layer 2's activation |
/// | `dz3/da2` | Jacobian of layer 3's affine map with respect to a⁽²⁾ (= W⁽³⁾, out × in) |
/// | `w3,6`, `dL/dw3,6` | a named parameter and its gradient |
/// | `updated.W1`, `updated.b1`, `updated.w3,6`, `updated.loss`, `updated.y_hat` | after the SGD steps |
/// | `graph.w`, `graph.dw/dx` | a graph node's value, and ∂w/∂x through the graph |
/// | `z(0.5)`, `z'(0.5)` | a named function and its derivative at a point |
///
/// Any of them may end in an element index: `W2[1,3]`, `z1[2]`.
public struct QuantityReference: Sendable, Hashable, CustomStringConvertible {
    /// The quantity.
    public var quantity: Quantity
    /// 1-based element indices, or nil for the whole value.
    public var element: [Int]?

    /// Creates a reference.
    public init(_ quantity: Quantity, element: [Int]? = nil) {
        self.quantity = quantity
        self.element = element
    }

    public var description: String {
        quantity.description + (element.map { "[" + $0.map(String.init).joined(separator: ",") + "]" } ?? "")
    }
}

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
    /// A result of the scenario's training experiment (final metrics, curves, sweeps, trained weights).
    case experiment(ExperimentQuantity)

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
             .functionValue, .functionDerivative, .experiment:
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
        case .experiment(let e): return e.description
        }
    }
}

/// Parses `ask` strings.
public enum QuantityParser {
    /// A parse failure, with a message naming the accepted forms.
    public struct ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        /// One-line message.
        public var message: String
        public var description: String { message }
    }

    /// Parses an `ask` string. `parameterNames` and `functionNames` are the names the scenario declares.
    public static func parse(_ text: String, parameterNames: Set<String>, functionNames: Set<String>)
        throws(ParseError) -> QuantityReference
    {
        var s = text.trimmingWhitespace()
        var element: [Int]?
        // Function forms first: they contain parentheses, not brackets.
        if let open = s.firstIndex(of: "("), s.hasSuffix(")"), !parameterNames.contains(Self.strippedName(s)) {
            var name = String(s[..<open])
            let arg = String(s[s.index(after: open)..<s.index(before: s.endIndex)])
            let derivative = name.hasSuffix("'")
            if derivative { name.removeLast() }
            guard functionNames.contains(name) else {
                throw ParseError(message: "unknown function '\(name)' in '\(text)'; declare it under 'functions', or declare '\(s)' as a parameter name")
            }
            guard let value = try? ExpressionParser.parse(arg, variables: []).evaluate() else {
                throw ParseError(message: "'\(arg)' is not a number in '\(text)'")
            }
            return QuantityReference(derivative ? .functionDerivative(name, at: value) : .functionValue(name, at: value))
        }
        if s.hasSuffix("]"), let open = s.lastIndex(of: "[") {
            let inside = s[s.index(after: open)..<s.index(before: s.endIndex)]
            var indices: [Int] = []
            for part in inside.split(separator: ",", omittingEmptySubsequences: false) {
                guard let i = Int(part.trimmingWhitespace()), i >= 1 else {
                    throw ParseError(message: "element index '\(inside)' in '\(text)' must be 1-based integers like [1,3]")
                }
                indices.append(i)
            }
            guard (1...2).contains(indices.count) else {
                throw ParseError(message: "element index in '\(text)' needs one or two numbers")
            }
            element = indices
            s = String(s[..<open]).trimmingWhitespace()
        }
        return QuantityReference(try quantity(s, original: text, parameterNames: parameterNames), element: element)
    }

    static func quantity(_ s: String, original: String, parameterNames: Set<String>) throws(ParseError) -> Quantity {
        if let e = try ExperimentQuantity.parse(s) { return .experiment(e) }
        if s.hasPrefix("updated.") {
            let inner = try quantity(String(s.dropFirst("updated.".count)), original: original, parameterNames: parameterNames)
            switch inner {
            case .weights, .bias, .parameter, .loss, .output, .preActivation, .activation:
                return .updated(inner)
            default:
                throw ParseError(message: "'\(original)': only weights, biases, parameters, z, a, y_hat and loss can be asked after the update")
            }
        }
        if s.hasPrefix("graph.") {
            let rest = String(s.dropFirst("graph.".count))
            if rest.hasPrefix("d"), let slash = rest.firstIndex(of: "/") {
                let of = String(rest[rest.index(after: rest.startIndex)..<slash])
                let wrtPart = rest[rest.index(after: slash)...]
                if wrtPart.hasPrefix("d"), !of.isEmpty, wrtPart.count > 1 {
                    return .graphGradient(of: of, wrt: String(wrtPart.dropFirst()))
                }
            }
            guard !rest.isEmpty else { throw ParseError(message: "'\(original)' names no graph node") }
            return .graphValue(rest)
        }
        if parameterNames.contains(s) { return .parameter(s) }
        switch s {
        case "x": return .input
        case "y": return .target
        case "y_hat", "output", "ŷ": return .output
        case "loss", "L": return .loss
        case "dL/dy_hat", "dL/doutput", "dL/dŷ": return .gradOutput
        case "dL/dx": return .gradInput
        default: break
        }
        if s.hasPrefix("dL/d") {
            let rest = String(s.dropFirst(4))
            if parameterNames.contains(rest) { return .gradParameter(rest) }
            if let l = layerNumber(rest, prefix: "z") { return .delta(l) }
            if let l = layerNumber(rest, prefix: "a") { return .gradActivation(l) }
            if let l = layerNumber(rest, prefix: "W") { return .gradWeights(l) }
            if let l = layerNumber(rest, prefix: "b") { return .gradBias(l) }
            throw ParseError(message: "unknown derivative '\(original)'; expected dL/dz2, dL/da2, dL/dW2, dL/db2, dL/dy_hat, dL/dx or dL/d<parameter>")
        }
        if let slash = s.firstIndex(of: "/"), s.hasPrefix("d") {
            let num = String(s[s.index(after: s.startIndex)..<slash])
            let den = String(s[s.index(after: slash)...])
            if let la = layerNumber(num, prefix: "a"), let lz = layerNumber(den, prefix: "dz"), la == lz {
                return .activationJacobian(la)
            }
            if let lz = layerNumber(num, prefix: "z"), let la = layerNumber(den, prefix: "da"), lz == la + 1 {
                return .affineJacobian(la)
            }
            throw ParseError(message: "unknown Jacobian '\(original)'; expected da2/dz2 or dz3/da2")
        }
        if let l = layerNumber(s, prefix: "delta") { return .delta(l) }
        if let l = layerNumber(s, prefix: "z") { return .preActivation(l) }
        if let l = layerNumber(s, prefix: "a") { return .activation(l) }
        if let l = layerNumber(s, prefix: "W") { return .weights(l) }
        if let l = layerNumber(s, prefix: "b") { return .bias(l) }
        throw ParseError(message: "unknown quantity '\(original)'; see the 'ask' reference in the README")
    }

    /// The name left after an `updated.` and a `dL/d` prefix, to tell `dL/dw11(2)` (a parameter)
    /// from `z(0.5)` (a function).
    static func strippedName(_ s: String) -> String {
        var t = Substring(s)
        if t.hasPrefix("updated.") { t = t.dropFirst("updated.".count) }
        if t.hasPrefix("dL/d") { t = t.dropFirst(4) }
        return String(t)
    }

    static func layerNumber(_ s: String, prefix: String) -> Int? {
        guard s.hasPrefix(prefix) else { return nil }
        let digits = s.dropFirst(prefix.count)
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(digits), n >= 1, n < 10_000 else { return nil }
        return n
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and newlines.
    func trimmingWhitespace() -> String {
        var sub = Substring(self)
        while let f = sub.first, f == " " || f == "\t" || f == "\n" || f == "\r" { sub.removeFirst() }
        while let l = sub.last, l == " " || l == "\t" || l == "\n" || l == "\r" { sub.removeLast() }
        return String(sub)
    }
}
