/// The tensor formula language's additions to the recursive-descent parser: element-wise
/// products, transposes, derivative calls, environment functions, `I` and `ones`.
extension ExpressionParserState {
    /// `unary (("*" | "/" | ".*") unary)*`, left-associative.
    mutating func parseFormulaMultiplicative() throws(ExpressionError) -> Parsed {
        var lhs = try parseUnary()
        while true {
            let offset = current.offset
            switch current.kind {
            case .star, .slash:
                let op: Expression.BinaryOperator = current.kind == .star ? .multiply : .divide
                advance()
                let rhs = try parseUnary()
                lhs = try node(.binary(op, lhs.expression, rhs.expression), children: lhs.depth, rhs.depth, at: offset)
            case .elementwise:
                advance()
                let rhs = try parseUnary()
                lhs = try node(.tensor(.elementwiseProduct(lhs.expression, rhs.expression)),
                               children: lhs.depth, rhs.depth, at: offset)
            case .identifier, .number, .leftParen:
                // LaTeX juxtaposition, `\frac{2}{N}(\hat{y} - y)` or `W^{(2)} z_2`, is a product.
                guard formula?.implicitProduct == true else { return lhs }
                let rhs = try parsePower()
                lhs = try node(.binary(.multiply, lhs.expression, rhs.expression), children: lhs.depth, rhs.depth, at: offset)
            default:
                return lhs
            }
        }
    }

    /// Postfix transposes after a primary: `m^T`, `m^(T)` (LaTeX `m^{T}`), `mᵀ`, repeatable.
    mutating func parseTransposes(of base: Parsed) throws(ExpressionError) -> Parsed {
        var result = base
        while true {
            let offset = current.offset
            if case .transposeMark = current.kind {
                advance()
            } else if case .caret = current.kind, isTransposeName(peek(1)) {
                advance(); advance()
            } else if case .caret = current.kind, case .leftParen = peek(1), isTransposeName(peek(2)),
                      case .rightParen = peek(3) {
                advance(); advance(); advance(); advance()
            } else {
                return result
            }
            result = try node(.tensor(.transpose(result.expression)), children: result.depth, at: offset)
        }
    }

    private func isTransposeName(_ kind: ExpressionToken.Kind) -> Bool {
        guard case .identifier(let name) = kind, let formula else { return false }
        return (name == "T" || name == "top") && !formula.symbols.contains(name)
    }

    /// An identifier in a formula: a symbol, `I`, `ones`, a constant, or a call of a built-in,
    /// tensor or environment function, with `'` for its derivative.
    mutating func parseFormulaIdentifier(_ written: String, at offset: Int) throws(ExpressionError) -> Parsed {
        guard let formula else { preconditionFailure("formula identifiers outside a formula") }
        let name = formula.canonical(written)
        var derivative = false
        if case .prime = current.kind {
            derivative = true
            advance()
            guard case .leftParen = current.kind else {
                throw ExpressionError(
                    message: "' marks a derivative and must follow a function name, as in sigmoid'(z2); write ^T for the transpose",
                    offset: current.offset)
            }
        }
        if formula.functions.contains(name) {
            return try parseNamedCall(name, derivative: derivative, at: offset)
        }
        if case .leftParen = current.kind {
            return try parseFormulaCall(name, derivative: derivative, at: offset)
        }
        if formula.symbols.contains(name) { return Parsed(expression: .variable(name), depth: 1) }
        switch name {
        case "I": return Parsed(expression: .tensor(.identity(nil)), depth: 1)
        case "ones": return Parsed(expression: .tensor(.ones(nil)), depth: 1)
        case "π": return Parsed(expression: .constant(.pi), depth: 1)
        case "T", "top":
            throw ExpressionError(message: "'T' is the transpose mark; write it after what it transposes, as in a1^T",
                                  offset: offset)
        default: break
        }
        if let constant = Expression.Constant(rawValue: name) { return Parsed(expression: .constant(constant), depth: 1) }
        if Expression.Function(rawValue: name) != nil || Expression.TensorFunction(rawValue: name) != nil || name == "if" {
            throw ExpressionError(message: "expected '(' after function '\(name)'", offset: current.offset)
        }
        throw ExpressionError(message: "unknown symbol '\(written)'; allowed: \(formula.listing)", offset: offset)
    }

    /// `f(arg)`, `f'(arg)` or `f^n(arg)` for a function of the environment; the current token
    /// follows the name (and its `'`).
    private mutating func parseNamedCall(_ name: String, derivative: Bool, at offset: Int) throws(ExpressionError) -> Parsed {
        var iterations = 1
        if !derivative, case .caret = current.kind {
            // z^1000(x), or z^(1000)(x) from LaTeX z^{1000}(x).
            var ahead = 1
            var parenthesised = false
            if case .leftParen = peek(1) { ahead = 2; parenthesised = true }
            guard case .number(let n) = peek(ahead), n == n.rounded(), n >= 1, n <= 100_000 else {
                throw ExpressionError(message: "'\(name)^n(x)' iterates \(name); n must be a whole number from 1 to 100000",
                                      offset: current.offset)
            }
            if parenthesised {
                guard case .rightParen = peek(3) else { throw unexpected(tokens[min(position + 3, tokens.count - 1)], expecting: "')'") }
                ahead = 3
            }
            for _ in 0...ahead { advance() }
            iterations = Int(n)
        }
        guard case .leftParen = current.kind else {
            throw ExpressionError(message: "expected '(' after function '\(name)'", offset: current.offset)
        }
        try enter(at: offset)
        defer { recursion -= 1 }
        advance()
        let argument = try parseExpression()
        guard case .rightParen = current.kind else {
            if case .comma = current.kind {
                throw ExpressionError(message: "'\(name)' takes 1 argument", offset: offset)
            }
            throw unexpected(current, expecting: "')'")
        }
        advance()
        return try node(.tensor(.named(name, argument.expression, derivative: derivative, iterations: iterations)),
                        children: argument.depth, at: offset)
    }

    /// A call of a built-in (scalar, applied entry by entry) or tensor function, or `I(n)`,
    /// `ones(n)`; the current token is the '('.
    private mutating func parseFormulaCall(_ name: String, derivative: Bool, at offset: Int) throws(ExpressionError) -> Parsed {
        let tensorFunction: Expression.TensorFunction? = name == "linear" ? .identity : Expression.TensorFunction(rawValue: name)
        if tensorFunction == nil && name != "I" && name != "ones" {
            if derivative {
                guard let function = Expression.Function(rawValue: name) else {
                    throw ExpressionError(message: "unknown function '\(name)'", offset: offset)
                }
                if ExpressionKernel.isSelection(function) {
                    throw ExpressionError(message: "\(name)' is not available; use if(…) for a piecewise derivative", offset: offset)
                }
                let call = try parseCall(name, at: offset)
                guard case .call(let f, let arguments) = call.expression else { return call }
                return Parsed(expression: .tensor(.derivative(f, arguments)), depth: call.depth)
            }
            return try parseCall(name, at: offset)
        }
        try enter(at: offset)
        defer { recursion -= 1 }
        advance()  // '('
        var arguments: [Expression] = []
        var depth = 0
        if !(current.kind == .rightParen) {
            while true {
                let argument = try parseExpression()
                arguments.append(argument.expression)
                depth = Swift.max(depth, argument.depth)
                guard case .comma = current.kind else { break }
                advance()
            }
        }
        try expect(.rightParen, arguments.isEmpty ? "an argument" : "',' or ')'")
        let expected = tensorFunction?.arity ?? 1
        guard arguments.count == expected else {
            throw ExpressionError(message: "'\(name)' takes \(expected == 1 ? "1 argument" : "\(expected) arguments"), got \(arguments.count)",
                                  offset: offset)
        }
        let operation: Expression.TensorOperation
        switch tensorFunction {
        case nil:
            if derivative { throw ExpressionError(message: "'\(name)' has no derivative", offset: offset) }
            operation = name == "I" ? .identity(arguments[0]) : .ones(arguments[0])
        case .transpose?:
            if derivative { throw ExpressionError(message: "'transpose' has no derivative", offset: offset) }
            operation = .transpose(arguments[0])
        case let function?:
            if derivative, function != .softmax, function != .identity {
                throw ExpressionError(message: "'\(name)' has no derivative here", offset: offset)
            }
            operation = .call(function, arguments, derivative: derivative)
        }
        return try node(.tensor(operation), children: depth, at: offset)
    }
}
