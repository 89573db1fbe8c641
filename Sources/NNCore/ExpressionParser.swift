/// Parses the expression language used for custom activations, computational-graph nodes and
/// students' arithmetic answers.
///
/// Grammar (strict; whitespace is ignored between tokens):
///
///     expression     := additive
///     additive       := multiplicative (("+" | "-") multiplicative)*
///     multiplicative := unary (("*" | "/") unary)*
///     unary          := ("-" | "+") unary | power
///     power          := primary (("^" | "**") unary)?           right-associative; `e^-2` is allowed
///     primary        := number | constant | variable | call | "(" expression ")"
///     call           := function "(" expression ("," expression)* ")"
///                     | "if" "(" comparison "," expression "," expression ")"
///     comparison     := expression ("<" | "<=" | ">" | ">=" | "==" | "!=") expression
///     number         := digits ["." digits*] [exponent-part] | "." digits [exponent-part]
///     exponent-part  := ("e" | "E") ["+" | "-"] digits
///
/// - `^` binds tighter than unary minus: `-2^2 = -4`, `2^3^2 = 512`.
/// - `·` and `×` are multiplication, `−` (U+2212) is minus, `π` is `pi`.
/// - Constants: `e`, `pi`, `π` (a name listed in `variables` takes precedence over a constant).
/// - Functions: exp, ln, log (natural), log10, log2, sqrt, abs, sin, cos, tanh, sigmoid, relu,
///   softplus(x) or softplus(x, beta), leaky_relu(x, slope), elu(x, alpha), gelu, erf, min and max
///   (two or more arguments), clamp(x, lo, hi).
/// - Comparisons are allowed only as the first argument of `if`.
/// - Rejected: implicit multiplication (`2x`, `2(3)`), hexadecimal, `inf`, `nan`, underscores in
///   numbers, literals that overflow to infinity (`1e400`), unknown identifiers and functions,
///   wrong argument counts, sources longer than `maximumLength` characters and nesting deeper
///   than `maximumDepth`.
public enum ExpressionParser {
    /// The longest accepted source, in Characters.
    public static let maximumLength = 10_000
    /// The deepest accepted nesting of the syntax tree (and of parentheses).
    public static let maximumDepth = 200

    /// Parses `source`; `variables` are the identifiers allowed as free variables (e.g. ["x"]);
    /// `e` and `pi` are constants unless listed as variables.
    public static func parse(_ source: String, variables: Set<String>) throws(ExpressionError) -> Expression {
        try parse(source, variables: variables, acceptingUnknownIdentifiers: false)
    }

    /// Parses a tensor formula (a student's derivation such as `delta2 * a1^T`, or LaTeX such as
    /// `\frac{2}{N}(\hat{y} - y)`); see `FormulaSyntax` for the language. `symbols` are the
    /// names of bound tensors (`x`, `W2`, `delta2`, constants like `N`); `functions` the names of
    /// functions the environment supplies (`f`, `g`, a declared `z`), usable as `f(z1)`, `f'(z1)`
    /// and `z^1000(x)`. Error offsets are Characters into `source`.
    public static func parseFormula(
        _ source: String, symbols: Set<String>, functions: Set<String> = []
    ) throws(ExpressionError) -> Expression {
        if source.utf8.count > maximumLength, source.count > maximumLength {
            throw ExpressionError(
                message: "formula is longer than \(maximumLength) characters", offset: maximumLength)
        }
        let rewritten = try FormulaLaTeX.rewrite(source)
        let bytes = Array(rewritten.text.utf8)
        do {
            let tokens = try ExpressionLexer.tokenize(bytes, formula: true)
            var state = ExpressionParserState(
                tokens: tokens, variables: symbols, acceptsUnknownIdentifiers: false,
                formula: FormulaNames(symbols: symbols, functions: functions, implicitProduct: rewritten.wasLaTeX))
            return try state.parseSource()
        } catch {
            var converted = error
            converted.offset = rewritten.sourceOffset(ofCharacter: characterOffset(ofByte: error.offset, in: bytes))
            throw converted
        }
    }

    /// Like `parse(_:variables:)`; with `acceptingUnknownIdentifiers`, any identifier that is not
    /// a constant or a function call becomes a variable (the caller checks the names itself).
    static func parse(
        _ source: String, variables: Set<String>, acceptingUnknownIdentifiers: Bool
    ) throws(ExpressionError) -> Expression {
        let byteCount = source.utf8.count
        if byteCount > maximumLength, source.count > maximumLength {
            throw ExpressionError(
                message: "expression is longer than \(maximumLength) characters", offset: maximumLength)
        }
        let bytes = Array(source.utf8)
        do {
            let tokens = try ExpressionLexer.tokenize(bytes)
            var state = ExpressionParserState(
                tokens: tokens, variables: variables, acceptsUnknownIdentifiers: acceptingUnknownIdentifiers)
            return try state.parseSource()
        } catch {
            var converted = error
            converted.offset = characterOffset(ofByte: error.offset, in: bytes)
            throw converted
        }
    }

    /// Parses a comparison `lhs relation rhs` at the top level (`abs(z1[3]) > 0.05`), for
    /// constraints. Identifiers are names `isName` accepts; besides plain identifiers it is
    /// asked about longer runs of letters, digits and `_ . , / ' [ ]` (`updated.w3,6`, `z1[3]`,
    /// `dL/dw3,6`), longest first, and the longest it accepts is one variable. So a comma or a
    /// slash directly after a name belongs to the name when the longer name exists: write
    /// `max(a, b)` with a space, `a / b` with spaces, where that matters. A plain identifier
    /// `isName` rejects is a constant, a function, or an error, as in `parse(_:variables:)`.
    public static func parseComparison(_ source: String, isName: @escaping (String) -> Bool) throws(ExpressionError) -> Expression.Condition {
        let byteCount = source.utf8.count
        if byteCount > maximumLength, source.count > maximumLength {
            throw ExpressionError(
                message: "expression is longer than \(maximumLength) characters", offset: maximumLength)
        }
        let bytes = Array(source.utf8)
        do {
            let tokens = try ExpressionLexer.tokenize(bytes, isLongName: isName)
            var names = Set<String>()
            for (i, token) in tokens.enumerated() {
                guard case .identifier(let name) = token.kind else { continue }
                let isCall = i + 1 < tokens.count && tokens[i + 1].kind == .leftParen
                if !(isCall && (name == "if" || Expression.Function(rawValue: name) != nil)), isName(name) { names.insert(name) }
            }
            var state = ExpressionParserState(tokens: tokens, variables: names, acceptsUnknownIdentifiers: false)
            return try state.parseComparisonSource()
        } catch {
            var converted = error
            converted.offset = characterOffset(ofByte: error.offset, in: bytes)
            throw converted
        }
    }

    /// Converts a UTF-8 byte offset into a Character offset.
    static func characterOffset(ofByte offset: Int, in bytes: [UInt8]) -> Int {
        let clamped = Swift.max(0, Swift.min(offset, bytes.count))
        if bytes[..<clamped].allSatisfy({ $0 < 0x80 }) { return clamped }
        return String(decoding: bytes[..<clamped], as: UTF8.self).count
    }
}

/// The names a formula may use beyond the scalar grammar's.
struct FormulaNames {
    /// Bound tensors and constants.
    var symbols: Set<String>
    /// Functions supplied by the environment (`f`, `g`, declared functions).
    var functions: Set<String>
    /// Whether juxtaposition is a product (LaTeX input, where `\frac{2}{N}(\hat{y} - y)` is usual).
    var implicitProduct = false

    /// The name a formula identifier stands for: itself when bound, else `z_3` → `z3`,
    /// `W_{2}` (rewritten `W_2`) → `W2`, `I_k` → `I`.
    func canonical(_ name: String) -> String {
        if symbols.contains(name) || functions.contains(name) { return name }
        if name.hasPrefix("I_") && name.count <= 4 { return "I" }
        if let underscore = name.lastIndex(of: "_") {
            let head = name[..<underscore], tail = name[name.index(after: underscore)...]
            if !head.isEmpty, !tail.isEmpty, tail.allSatisfy({ $0.isASCII && $0.isNumber }) {
                return String(head) + String(tail)
            }
        }
        return name
    }

    /// The allowed names for an "unknown symbol" message.
    var listing: String {
        let names = symbols.sorted()
        let shown = names.prefix(60).joined(separator: ", ")
        return names.count > 60 ? shown + ", …" : shown
    }
}

/// A parsed subtree together with its depth.
struct Parsed {
    var expression: Expression
    var depth: Int
}

/// Recursive-descent parser over a token list; offsets in errors are UTF-8 byte offsets.
struct ExpressionParserState {
    let tokens: [ExpressionToken]
    let variables: Set<String>
    let acceptsUnknownIdentifiers: Bool
    /// Set when parsing the tensor formula language.
    let formula: FormulaNames?
    var position = 0
    var recursion = 0

    init(tokens: [ExpressionToken], variables: Set<String>, acceptsUnknownIdentifiers: Bool,
         formula: FormulaNames? = nil) {
        self.tokens = tokens
        self.variables = variables
        self.acceptsUnknownIdentifiers = acceptsUnknownIdentifiers
        self.formula = formula
    }

    var current: ExpressionToken { tokens[position] }

    /// The token `ahead` positions after the current one (`.end` past the end).
    func peek(_ ahead: Int) -> ExpressionToken.Kind {
        let i = position + ahead
        return i < tokens.count ? tokens[i].kind : .end
    }

    mutating func advance() { if position < tokens.count - 1 { position += 1 } }

    func tooDeep(at offset: Int) -> ExpressionError {
        ExpressionError(
            message: "expression is nested too deeply (more than \(ExpressionParser.maximumDepth) levels)",
            offset: offset)
    }

    /// Enters one level of syntactic recursion.
    mutating func enter(at offset: Int) throws(ExpressionError) {
        recursion += 1
        if recursion > ExpressionParser.maximumDepth { throw tooDeep(at: offset) }
    }

    func node(_ expression: Expression, children: Int..., at offset: Int) throws(ExpressionError) -> Parsed {
        let depth = (children.max() ?? 0) + 1
        if depth > ExpressionParser.maximumDepth { throw tooDeep(at: offset) }
        return Parsed(expression: expression, depth: depth)
    }

    /// The error for a token that cannot come next; `expecting` names what was required.
    func unexpected(_ token: ExpressionToken, expecting: String? = nil) -> ExpressionError {
        let message: String
        switch token.kind {
        case .relation:
            message = "a comparison is only allowed as the first argument of 'if'"
        case .number, .identifier, .leftParen:
            message = "implicit multiplication is not allowed; write '*' between factors"
        case .end:
            message = expecting.map { "unexpected end of expression; expected \($0)" } ?? "unexpected end of expression"
        default:
            message = expecting.map { "expected \($0) but found \(token.quoted)" } ?? "unexpected \(token.quoted)"
        }
        return ExpressionError(message: message, offset: token.offset)
    }

    mutating func parseSource() throws(ExpressionError) -> Expression {
        let result = try parseExpression()
        guard case .end = current.kind else { throw unexpected(current) }
        return result.expression
    }

    /// `expression relation expression` and the end of the source.
    mutating func parseComparisonSource() throws(ExpressionError) -> Expression.Condition {
        let lhs = try parseExpression()
        guard case .relation(let relation) = current.kind else {
            throw ExpressionError(message: "expected a comparison (<, <=, >, >=, ==, !=)", offset: current.offset)
        }
        advance()
        let rhs = try parseExpression()
        guard case .end = current.kind else { throw unexpected(current) }
        return Expression.Condition(lhs.expression, relation, rhs.expression)
    }

    mutating func parseExpression() throws(ExpressionError) -> Parsed {
        try enter(at: current.offset)
        defer { recursion -= 1 }
        return try parseLeftAssociative(operand: { parser throws(ExpressionError) in try parser.parseMultiplicative() }) {
            switch $0 {
            case .plus: return .add
            case .minus: return .subtract
            default: return nil
            }
        }
    }

    mutating func parseMultiplicative() throws(ExpressionError) -> Parsed {
        if formula != nil { return try parseFormulaMultiplicative() }
        return try parseLeftAssociative(operand: { parser throws(ExpressionError) in try parser.parseUnary() }) {
            switch $0 {
            case .star: return .multiply
            case .slash: return .divide
            default: return nil
            }
        }
    }

    /// One left-associative precedence level: operands joined by the operators `operatorFor` maps.
    mutating func parseLeftAssociative(
        operand: (inout ExpressionParserState) throws(ExpressionError) -> Parsed,
        operatorFor: (ExpressionToken.Kind) -> Expression.BinaryOperator?
    ) throws(ExpressionError) -> Parsed {
        var lhs = try operand(&self)
        while let op = operatorFor(current.kind) {
            let offset = current.offset
            advance()
            let rhs = try operand(&self)
            lhs = try node(.binary(op, lhs.expression, rhs.expression), children: lhs.depth, rhs.depth, at: offset)
        }
        return lhs
    }

    mutating func parseUnary() throws(ExpressionError) -> Parsed {
        switch current.kind {
        case .minus, .plus:
            let isMinus = current.kind == .minus
            let offset = current.offset
            try enter(at: offset)
            defer { recursion -= 1 }
            advance()
            let operand = try parseUnary()
            return isMinus ? try node(.negate(operand.expression), children: operand.depth, at: offset) : operand
        default:
            return try parsePower()
        }
    }

    mutating func parsePower() throws(ExpressionError) -> Parsed {
        var base = try parsePrimary()
        if formula != nil { base = try parseTransposes(of: base) }
        guard case .caret = current.kind else { return base }
        let offset = current.offset
        try enter(at: offset)
        defer { recursion -= 1 }
        advance()
        // The exponent is itself a signed power (`2^-3`, `2^3^2` = 2^(3^2)): the unary level.
        let exponent = try parseUnary()
        return try node(.binary(.power, base.expression, exponent.expression),
                        children: base.depth, exponent.depth, at: offset)
    }

    mutating func parsePrimary() throws(ExpressionError) -> Parsed {
        let token = current
        switch token.kind {
        case .number(let value):
            advance()
            return Parsed(expression: .number(value), depth: 1)
        case .leftParen:
            advance()
            let inner = try parseExpression()
            try expect(.rightParen, "')'")
            return inner
        case .identifier(let name) where formula != nil:
            advance()
            return try parseFormulaIdentifier(name, at: token.offset)
        case .identifier(let name):
            advance()
            if case .leftParen = current.kind { return try parseCall(name, at: token.offset) }
            if variables.contains(name) { return Parsed(expression: .variable(name), depth: 1) }
            if name == "π" { return Parsed(expression: .constant(.pi), depth: 1) }
            if let constant = Expression.Constant(rawValue: name) {
                return Parsed(expression: .constant(constant), depth: 1)
            }
            if name == "if" || Expression.Function(rawValue: name) != nil {
                throw ExpressionError(message: "expected '(' after function '\(name)'", offset: current.offset)
            }
            if acceptsUnknownIdentifiers { return Parsed(expression: .variable(name), depth: 1) }
            throw ExpressionError(message: "unknown identifier '\(name)'", offset: token.offset)
        default:
            throw unexpected(token)
        }
    }

    mutating func expect(_ kind: ExpressionToken.Kind, _ description: String) throws(ExpressionError) {
        guard current.kind == kind else { throw unexpected(current, expecting: description) }
        advance()
    }

    /// Parses `name(...)`; the current token is the '('.
    mutating func parseCall(_ name: String, at offset: Int) throws(ExpressionError) -> Parsed {
        try enter(at: offset)
        defer { recursion -= 1 }
        advance()  // '('
        if name == "if" { return try parseIf(at: offset) }
        guard let function = Expression.Function(rawValue: name) else {
            if variables.contains(name) || Expression.Constant(rawValue: name) != nil || name == "π" {
                throw ExpressionError(
                    message: "'\(name)' is not a function; write '*' for multiplication", offset: offset)
            }
            throw ExpressionError(message: "unknown function '\(name)'", offset: offset)
        }
        var arguments: [Expression] = []
        var depth = 0
        if case .rightParen = current.kind {
            // no arguments
        } else {
            while true {
                let argument = try parseExpression()
                arguments.append(argument.expression)
                depth = Swift.max(depth, argument.depth)
                guard case .comma = current.kind else { break }
                advance()
            }
        }
        try expect(.rightParen, arguments.isEmpty ? "an argument" : "',' or ')'")
        guard function.arity.contains(arguments.count) else {
            throw ExpressionError(
                message: "'\(name)' takes \(function.arityDescription), got \(arguments.count)", offset: offset)
        }
        return try node(.call(function, arguments), children: depth, at: offset)
    }

    /// Parses the rest of `if(lhs relation rhs, then, else)` after the '('.
    mutating func parseIf(at offset: Int) throws(ExpressionError) -> Parsed {
        let lhs = try parseExpression()
        guard case .relation(let relation) = current.kind else {
            switch current.kind {
            case .end, .number, .identifier, .leftParen: throw unexpected(current)
            default: break
            }
            throw ExpressionError(
                message: "expected a comparison (<, <=, >, >=, ==, !=) as the first argument of 'if'",
                offset: current.offset)
        }
        advance()
        let rhs = try parseExpression()
        try expect(.comma, "','")
        let then = try parseExpression()
        try expect(.comma, "','")
        let otherwise = try parseExpression()
        guard case .rightParen = current.kind else {
            if case .comma = current.kind {
                throw ExpressionError(message: "'if' takes 3 arguments", offset: offset)
            }
            throw unexpected(current, expecting: "')'")
        }
        advance()
        return try node(
            .conditional(Expression.Condition(lhs.expression, relation, rhs.expression),
                         then: then.expression, else: otherwise.expression),
            children: lhs.depth, rhs.depth, then.depth, otherwise.depth, at: offset)
    }
}
