import NNCore
import NNOutput

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
