/// One lexical token of the expression grammar, positioned by its UTF-8 byte offset.
struct ExpressionToken: Sendable {
    /// The kinds of token.
    enum Kind: Sendable, Equatable {
        case number(Double)
        case identifier(String)
        case plus, minus, star, slash, caret
        case leftParen, rightParen, comma
        case relation(Expression.Relation)
        /// Formula syntax only: `.*`, `⊙` or `∘`, the element-wise product.
        case elementwise
        /// Formula syntax only: `'` or `′` after a function name, marking its derivative.
        case prime
        /// Formula syntax only: `ᵀ`, the transpose (as `^T`).
        case transposeMark
        case end
    }

    /// What the token is.
    var kind: Kind
    /// UTF-8 byte offset of the token's first byte in the source.
    var offset: Int

    /// How the token reads in an error message.
    var quoted: String {
        switch kind {
        case .number(let value): return "number \(NumberFormatting.short(value))"
        case .identifier(let name): return "'\(name)'"
        case .plus: return "'+'"
        case .minus: return "'-'"
        case .star: return "'*'"
        case .slash: return "'/'"
        case .caret: return "'^'"
        case .leftParen: return "'('"
        case .rightParen: return "')'"
        case .comma: return "','"
        case .relation(let relation): return "'\(relation.symbol)'"
        case .elementwise: return "'.*'"
        case .prime: return "'''"
        case .transposeMark: return "'ᵀ'"
        case .end: return "end of expression"
        }
    }
}

/// Splits UTF-8 source bytes into tokens. Errors carry UTF-8 byte offsets; the parser converts
/// them to Character offsets.
struct ExpressionLexer {
    private let bytes: [UInt8]
    private var index = 0
    /// Whether the tensor formula tokens (`.*`, `⊙`, `'`, `ᵀ`, Greek names) are recognised.
    private let formula: Bool
    /// Recognises longer names (`updated.w3,6`, `z1[3]`, `dL/dw3,6`) as single identifiers; see
    /// `ExpressionParser.parseComparison(_:names:)`.
    private let isLongName: ((String) -> Bool)?

    /// The longest name `isLongName` is asked about, in bytes.
    static let maximumLongName = 200

    init(bytes: [UInt8], formula: Bool = false, isLongName: ((String) -> Bool)? = nil) {
        self.bytes = bytes
        self.formula = formula
        self.isLongName = isLongName
    }

    /// All tokens, ending with `.end`; `formula` enables the tensor formula tokens.
    static func tokenize(_ bytes: [UInt8], formula: Bool = false, isLongName: ((String) -> Bool)? = nil) throws(ExpressionError) -> [ExpressionToken] {
        var lexer = ExpressionLexer(bytes: bytes, formula: formula, isLongName: isLongName)
        var tokens: [ExpressionToken] = []
        tokens.reserveCapacity(bytes.count / 2 + 1)
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private func byte(at i: Int) -> UInt8? { i < bytes.count ? bytes[i] : nil }

    private static func isDigit(_ b: UInt8?) -> Bool { b.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }
    private static func isLetter(_ b: UInt8?) -> Bool {
        guard let b else { return false }
        return (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F
    }

    private mutating func next() throws(ExpressionError) -> ExpressionToken {
        skipWhitespace()
        let start = index
        guard let b = byte(at: index) else { return ExpressionToken(kind: .end, offset: start) }
        func single(_ kind: ExpressionToken.Kind, length: Int = 1) -> ExpressionToken {
            index += length
            return ExpressionToken(kind: kind, offset: start)
        }
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        case UInt8(ascii: ".") where formula && byte(at: index + 1) == UInt8(ascii: "*"):
            return single(.elementwise, length: 2)
        case UInt8(ascii: ".") where formula && byte(at: index + 1) == UInt8(ascii: "/"):
            return single(.slash, length: 2)
        case UInt8(ascii: "'") where formula: return single(.prime)
        case 0xE2 where formula && byte(at: index + 1) == 0x80 && byte(at: index + 2) == 0xB2:
            return single(.prime, length: 3)                                             // ′
        case 0xE2 where formula && byte(at: index + 1) == 0x8A && byte(at: index + 2) == 0x99:
            return single(.elementwise, length: 3)                                       // ⊙
        case 0xE2 where formula && byte(at: index + 1) == 0x88 && byte(at: index + 2) == 0x98:
            return single(.elementwise, length: 3)                                       // ∘
        case 0xE1 where formula && byte(at: index + 1) == 0xB5 && byte(at: index + 2) == 0x80:
            return single(.transposeMark, length: 3)                                     // ᵀ
        case _ where formula && Self.greekName(bytes, at: index) != nil:
            guard let (name, length) = Self.greekName(bytes, at: index) else { break }
            var end = index + length
            while let c = byte(at: end), Self.isLetter(c) || Self.isDigit(c) { end += 1 }
            let rest = String(decoding: bytes[(index + length)..<end], as: UTF8.self)
            index = end
            return ExpressionToken(kind: .identifier(name + rest), offset: start)
        case UInt8(ascii: "."):
            if Self.isDigit(byte(at: index + 1)) { return try number() }
            throw ExpressionError(message: "unexpected '.'", offset: start)
        case _ where Self.isLetter(b):
            var end = index + 1
            while let c = byte(at: end), Self.isLetter(c) || Self.isDigit(c) { end += 1 }
            if let longEnd = longNameEnd(plainEnd: end) { end = longEnd }
            let name = String(decoding: bytes[index..<end], as: UTF8.self)
            index = end
            return ExpressionToken(kind: .identifier(name), offset: start)
        case UInt8(ascii: "+"): return single(.plus)
        case UInt8(ascii: "-"): return single(.minus)
        case UInt8(ascii: "*"):
            return byte(at: index + 1) == UInt8(ascii: "*") ? single(.caret, length: 2) : single(.star)
        case UInt8(ascii: "/"): return single(.slash)
        case UInt8(ascii: "^"): return single(.caret)
        case UInt8(ascii: "("): return single(.leftParen)
        case UInt8(ascii: ")"): return single(.rightParen)
        case UInt8(ascii: ","): return single(.comma)
        case UInt8(ascii: "<"):
            return byte(at: index + 1) == UInt8(ascii: "=")
                ? single(.relation(.lessOrEqual), length: 2) : single(.relation(.less))
        case UInt8(ascii: ">"):
            return byte(at: index + 1) == UInt8(ascii: "=")
                ? single(.relation(.greaterOrEqual), length: 2) : single(.relation(.greater))
        case UInt8(ascii: "="):
            if byte(at: index + 1) == UInt8(ascii: "=") { return single(.relation(.equal), length: 2) }
            throw ExpressionError(message: "unexpected '='; use '==' to compare", offset: start)
        case UInt8(ascii: "!"):
            if byte(at: index + 1) == UInt8(ascii: "=") { return single(.relation(.notEqual), length: 2) }
            throw ExpressionError(message: "unexpected '!'", offset: start)
        case 0xC2 where byte(at: index + 1) == 0xB7: return single(.star, length: 2)   // ·
        case 0xC3 where byte(at: index + 1) == 0x97: return single(.star, length: 2)   // ×
        case 0xE2 where byte(at: index + 1) == 0x88 && byte(at: index + 2) == 0x92:
            return single(.minus, length: 3)                                             // −
        case 0xCF where byte(at: index + 1) == 0x80: return single(.identifier("π"), length: 2)
        default:
            break
        }
        throw ExpressionError(message: "unexpected character '\(scalarDescription(at: start))'", offset: start)
    }

    /// Formula syntax: the ASCII name a Greek letter or a hatted y stands for (σ → sigmoid,
    /// δ → delta, ŷ → y_hat), with its length in bytes.
    private static func greekName(_ bytes: [UInt8], at i: Int) -> (String, Int)? {
        guard i + 1 < bytes.count else { return nil }
        switch (bytes[i], bytes[i + 1]) {
        case (0xCF, 0x83): return ("sigmoid", 2)                                        // σ
        case (0xCE, 0xB4): return ("delta", 2)                                          // δ
        case (0xC5, 0xB7): return ("y_hat", 2)                                          // ŷ
        case (UInt8(ascii: "y"), 0xCC) where i + 2 < bytes.count && bytes[i + 2] == 0x82:
            return ("y_hat", 3)                                                         // y + combining circumflex
        default: return nil
        }
    }

    /// Bytes that may continue a long name after its first identifier: letters, digits, `_`,
    /// `.`, `,`, `/`, `'`, `[` and `]`.
    private static func continuesLongName(_ b: UInt8) -> Bool {
        isLetter(b) || isDigit(b) || b == UInt8(ascii: ".") || b == UInt8(ascii: ",") || b == UInt8(ascii: "/")
            || b == UInt8(ascii: "'") || b == UInt8(ascii: "[") || b == UInt8(ascii: "]")
    }

    /// The end of the longest long name starting at `index` that `isLongName` accepts, if one is
    /// longer than the plain identifier ending at `plainEnd`, or accepts the plain identifier
    /// itself when it is not a function followed by `(`. Nil when there is no long-name matcher.
    private func longNameEnd(plainEnd: Int) -> Int? {
        guard let isLongName else { return nil }
        var end = plainEnd
        while end < bytes.count, end - index < Self.maximumLongName, Self.continuesLongName(bytes[end]) { end += 1 }
        while end > plainEnd {
            if isLongName(String(decoding: bytes[index..<end], as: UTF8.self)) { return end }
            end -= 1
        }
        return nil
    }

    private mutating func skipWhitespace() {
        while let b = byte(at: index) {
            switch b {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            case 0xC2 where byte(at: index + 1) == 0xA0: index += 2   // no-break space
            default: return
            }
        }
    }

    /// The Unicode scalar starting at byte `i`, for error messages.
    private func scalarDescription(at i: Int) -> String {
        var end = i + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return String(decoding: bytes[i..<end], as: UTF8.self)
    }

    /// A decimal literal: digits, optional fraction, optional exponent.
    private mutating func number() throws(ExpressionError) -> ExpressionToken {
        let start = index
        while Self.isDigit(byte(at: index)) { index += 1 }
        if byte(at: index) == UInt8(ascii: ".") {
            index += 1
            while Self.isDigit(byte(at: index)) { index += 1 }
        }
        if let b = byte(at: index), b == UInt8(ascii: "e") || b == UInt8(ascii: "E") {
            var j = index + 1
            if let s = byte(at: j), s == UInt8(ascii: "+") || s == UInt8(ascii: "-") { j += 1 }
            if Self.isDigit(byte(at: j)) {
                index = j
                while Self.isDigit(byte(at: index)) { index += 1 }
            }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if let following = byte(at: index) {
            if following == UInt8(ascii: "_") {
                throw ExpressionError(message: "underscores are not allowed in numbers", offset: index)
            }
            if (following == UInt8(ascii: "x") || following == UInt8(ascii: "X")) && text == "0" {
                throw ExpressionError(message: "hexadecimal numbers are not allowed", offset: start)
            }
            if Self.isLetter(following) || Self.isDigit(following) {
                throw ExpressionError(
                    message: "implicit multiplication is not allowed; write '*' between factors", offset: index)
            }
            if following == UInt8(ascii: ".") {
                throw ExpressionError(message: "unexpected '.'", offset: index)
            }
        }
        guard let value = Double(text), value.isFinite else {
            throw ExpressionError(message: "number out of range: \(text)", offset: start)
        }
        return ExpressionToken(kind: .number(value), offset: start)
    }
}
