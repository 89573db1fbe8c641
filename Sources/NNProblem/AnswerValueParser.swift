import NNCore

/// The one grammar for numbers, lists and matrices written as text: students' answers, the
/// instructor's `answer:` keys and every number in a problem file (`YAMLValues`).
///
/// Accepted forms (surrounding whitespace and `$…$` / `$$…$$` delimiters are ignored):
/// - a scalar expression: `-2 - 0.01*100`, `e^-2`, `\frac{1}{2}` → a scalar;
/// - a bracketed list `[0.4, 1.2]` → a vector;
/// - a list of rows `[[1, 2], [3, 4]]` → a matrix (deeper nesting is an error);
/// - a LaTeX matrix `\begin{bmatrix} 0.4 & 0 \\ -0.2 & 0.7 \end{bmatrix}` (also `pmatrix`,
///   `Bmatrix`, `matrix`; `vmatrix`/`Vmatrix` denote determinants and are rejected) → a matrix,
///   n×1 for one column and 1×n for one row.
///
/// Every entry is a constant `Expression` evaluated with default `EvaluationOptions`. Before
/// parsing, an entry's LaTeX is rewritten into the expression grammar: `\frac{a}{b}` (also
/// `\dfrac`, `\tfrac`) → `((a)/(b))`, `\cdot`/`\times` → `*`, `\div` → `/`, `\pi` → `pi`,
/// `\sqrt{a}` → `sqrt((a))`, `\ln`, `\log`, `\exp`, `\sin`, `\cos`, `\tanh` → the function,
/// braces → parentheses (so `e^{-2}` works), `\left`/`\right` dropped, spacing commands (`\,`
/// `\;` `\!` `\quad`) → a space, and `\mathrm{…}`/`\operatorname{…}`/`\text{…}` → their content.
/// Plain decimal entries skip all of this and are read directly, so large matrices are fast.
///
/// Errors carry a message and a 0-based offset in Characters into the text. Entries of lists
/// and matrices prefix their messages with their position ("entry 2: …", "row 2, column 1: …").
/// No NaN or infinity is ever returned.
public enum AnswerValueParser {
    /// Why an answer text could not be read: a message ("empty answer", "row 2 has 3 entries,
    /// row 1 has 2") and a 0-based Character offset, the same shape as an expression error.
    public typealias ParseError = ExpressionError

    /// The longest accepted text, in Characters.
    public static let maximumLength = 1_000_000
    /// The largest accepted number of entries.
    public static let maximumEntries = 1_000_000

    /// Parses a scalar expression, a bracketed list `[0.4, 1.2]`, a nested list `[[1, 2], [3, 4]]`
    /// (rows), or a LaTeX matrix `\begin{bmatrix} 0.4 & 0 \\ -0.2 & 0.7 \end{bmatrix}`.
    public static func parse(_ text: String) throws(ParseError) -> Tensor {
        try checkLength(text)
        if let value = plainValue(text) { return Tensor(value) }
        var scanner = AnswerScanner(bytes: Array(text.utf8))
        do {
            return try scanner.parseAnswer()
        } catch {
            throw ParseError(message: error.message, offset: characterOffset(error.byteOffset, in: scanner.bytes))
        }
    }

    /// Parses one scalar entry, such as one element of a YAML sequence: a constant expression,
    /// with the same LaTeX rewriting as matrix entries.
    public static func parseScalar(_ text: String) throws(ParseError) -> Double {
        try checkLength(text)
        if let value = plainValue(text) { return value }
        let scanner = AnswerScanner(bytes: Array(text.utf8))
        do throws(AnswerFailure) {
            let (lo, hi) = scanner.trimmed(0, scanner.bytes.count)
            guard lo < hi else { throw AnswerFailure("empty answer", 0) }
            return try scanner.entryValue(lo, hi, label: nil)
        } catch {
            throw ParseError(message: error.message, offset: characterOffset(error.byteOffset, in: scanner.bytes))
        }
    }

    /// The value of a text that is exactly a plain decimal number (no surrounding space), read
    /// without copying it into a scanner: what both parsers return for it. Nil for anything else,
    /// including text over the length limit (which the parsers reject).
    public static func plainValue(_ text: String) -> Double? {
        guard text.utf8.count <= maximumLength else { return nil }
        var text = text
        return text.withUTF8 { buffer in
            buffer.isEmpty ? nil : AnswerScanner.plainNumber(in: buffer, 0, buffer.count)
        }
    }

    private static func checkLength(_ text: String) throws(ParseError) {
        if text.utf8.count > maximumLength, text.count > maximumLength {
            throw ParseError(message: "answer is longer than \(maximumLength) characters", offset: maximumLength)
        }
    }

    /// Converts a UTF-8 byte offset into a Character offset.
    fileprivate static func characterOffset(_ byteOffset: Int, in bytes: [UInt8]) -> Int {
        let clamped = max(0, min(byteOffset, bytes.count))
        if bytes[..<clamped].allSatisfy({ $0 < 0x80 }) { return clamped }
        return String(decoding: bytes[..<clamped], as: UTF8.self).count
    }
}

/// An error positioned by UTF-8 byte offset, converted to a `ParseError` at the API boundary.
private struct AnswerFailure: Error {
    var message: String
    var byteOffset: Int
    init(_ message: String, _ byteOffset: Int) {
        self.message = message
        self.byteOffset = byteOffset
    }
}

private enum ASCII {
    static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t"), newline = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let backslash = UInt8(ascii: "\\"), dollar = UInt8(ascii: "$"), ampersand = UInt8(ascii: "&")
    static let leftBracket = UInt8(ascii: "["), rightBracket = UInt8(ascii: "]"), comma = UInt8(ascii: ",")
    static let leftBrace = UInt8(ascii: "{"), rightBrace = UInt8(ascii: "}")
    static let leftParen = UInt8(ascii: "("), rightParen = UInt8(ascii: ")")
    static let plus = UInt8(ascii: "+"), minus = UInt8(ascii: "-"), dot = UInt8(ascii: ".")
    static let zero = UInt8(ascii: "0"), nine = UInt8(ascii: "9")

    static func isSpace(_ b: UInt8) -> Bool { b == space || b == tab || b == newline || b == carriageReturn }
    static func isDigit(_ b: UInt8) -> Bool { b >= zero && b <= nine }
    static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") }
}

/// The hand-written scanner behind `AnswerValueParser`: works on UTF-8 bytes and evaluates each
/// entry in place, without building intermediate strings for plain numbers.
private struct AnswerScanner {
    let bytes: [UInt8]
    var entryCount = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    // MARK: Top level

    mutating func parseAnswer() throws(AnswerFailure) -> Tensor {
        var (lo, hi) = trimmed(0, bytes.count)
        (lo, hi) = strippingDollars(lo, hi)
        guard lo < hi else { throw AnswerFailure("empty answer", 0) }
        if bytes[lo] == ASCII.leftBracket { return try parseList(lo, hi) }
        if hasCommand("begin", at: lo, before: hi) { return try parseLatexMatrix(lo, hi) }
        return Tensor(try entryValue(lo, hi, label: nil))
    }

    func trimmed(_ lo: Int, _ hi: Int) -> (Int, Int) {
        var lo = lo, hi = hi
        while lo < hi, ASCII.isSpace(bytes[lo]) { lo += 1 }
        while hi > lo, ASCII.isSpace(bytes[hi - 1]) { hi -= 1 }
        return (lo, hi)
    }

    /// Removes one pair of `$$…$$` or `$…$` math delimiters.
    func strippingDollars(_ lo: Int, _ hi: Int) -> (Int, Int) {
        guard hi - lo >= 2, bytes[lo] == ASCII.dollar, bytes[hi - 1] == ASCII.dollar else { return (lo, hi) }
        if hi - lo >= 4, bytes[lo + 1] == ASCII.dollar, bytes[hi - 2] == ASCII.dollar {
            return trimmed(lo + 2, hi - 2)
        }
        return trimmed(lo + 1, hi - 1)
    }

    /// Whether `\name` (not followed by another letter) starts at `i`.
    func hasCommand(_ name: StaticString, at i: Int, before hi: Int) -> Bool {
        let count = name.utf8CodeUnitCount
        guard i + 1 + count <= hi, bytes[i] == ASCII.backslash else { return false }
        let matches = name.withUTF8Buffer { buffer -> Bool in
            for k in 0..<count where bytes[i + 1 + k] != buffer[k] { return false }
            return true
        }
        guard matches else { return false }
        return i + 1 + count == hi || !ASCII.isLetter(bytes[i + 1 + count])
    }

    mutating func countEntry(at offset: Int) throws(AnswerFailure) {
        entryCount += 1
        if entryCount > AnswerValueParser.maximumEntries {
            throw AnswerFailure("more than \(AnswerValueParser.maximumEntries) entries", offset)
        }
    }

    // MARK: Lists

    /// `[a, b, …]` or `[[a, b], [c, d], …]`, spanning exactly `lo..<hi` (trimmed, `bytes[lo] == '['`).
    mutating func parseList(_ lo: Int, _ hi: Int) throws(AnswerFailure) -> Tensor {
        var i = skipSpace(lo + 1, hi)
        guard i < hi else { throw AnswerFailure("missing ']'", hi) }
        if bytes[i] == ASCII.rightBracket {
            try expectEnd(after: i + 1, hi, what: "']'")
            throw AnswerFailure("empty answer", lo)
        }
        if bytes[i] != ASCII.leftBracket {
            var values: [Double] = []
            let end = try parseRow(lo, hi, into: &values, row: nil)
            try expectEnd(after: end, hi, what: "']'")
            return Tensor(vector: values)
        }
        // A list of rows.
        var values: [Double] = []
        var rows = 0
        var width = 0
        while true {
            i = skipSpace(i, hi)
            guard i < hi else { throw AnswerFailure("missing ']'", hi) }
            guard bytes[i] == ASCII.leftBracket else {
                throw AnswerFailure("cannot mix numbers and lists", i)
            }
            let before = values.count
            let end = try parseRow(i, hi, into: &values, row: rows + 1)
            let count = values.count - before
            if rows == 0 {
                width = count
            } else if count != width {
                throw AnswerFailure("row \(rows + 1) has \(entries(count)), row 1 has \(width)", i)
            }
            rows += 1
            i = skipSpace(end, hi)
            guard i < hi else { throw AnswerFailure("missing ']'", hi) }
            if bytes[i] == ASCII.comma { i += 1; continue }
            if bytes[i] == ASCII.rightBracket { break }
            throw AnswerFailure("expected ',' or ']' but found '\(character(at: i))'", i)
        }
        try expectEnd(after: i + 1, hi, what: "']'")
        guard width > 0 else { throw AnswerFailure("empty answer", lo) }
        return Tensor(shape: [rows, width], scalars: values)
    }

    /// Parses `[e1, e2, …]` starting at the '[' at `lo`; returns the offset after its ']'.
    /// `row` is the 1-based row number inside a list of rows, nil for a plain vector.
    mutating func parseRow(_ lo: Int, _ hi: Int, into values: inout [Double], row: Int?) throws(AnswerFailure) -> Int {
        var i = skipSpace(lo + 1, hi)
        if i < hi, bytes[i] == ASCII.rightBracket { return i + 1 }   // empty row
        var column = 0
        while true {
            column += 1
            let start = skipSpace(i, hi)
            if start < hi, bytes[start] == ASCII.leftBracket {
                throw AnswerFailure(row == nil ? "cannot mix numbers and lists"
                                               : "nested lists deeper than 2 are not supported", start)
            }
            // The entry runs to the next ',' or ']' outside parentheses and braces.
            var depth = 0
            var j = start
            scan: while j < hi {
                switch bytes[j] {
                case ASCII.leftParen, ASCII.leftBrace: depth += 1
                case ASCII.rightParen, ASCII.rightBrace: depth = max(0, depth - 1)
                case ASCII.comma where depth == 0, ASCII.rightBracket where depth == 0: break scan
                case ASCII.leftBracket where depth == 0:
                    throw AnswerFailure(row == nil ? "cannot mix numbers and lists" : "unexpected '['", j)
                default: break
                }
                j += 1
            }
            guard j < hi else { throw AnswerFailure("missing ']'", hi) }
            let label = row.map { "row \($0), column \(column)" } ?? "entry \(column)"
            let (entryLo, entryHi) = trimmed(start, j)
            guard entryLo < entryHi else { throw AnswerFailure("\(label): empty entry", entryLo) }
            try countEntry(at: entryLo)
            values.append(try entryValue(entryLo, entryHi, label: label))
            if bytes[j] == ASCII.rightBracket { return j + 1 }
            i = j + 1
        }
    }

    func skipSpace(_ i: Int, _ hi: Int) -> Int {
        var i = i
        while i < hi, ASCII.isSpace(bytes[i]) { i += 1 }
        return i
    }

    func expectEnd(after i: Int, _ hi: Int, what: String) throws(AnswerFailure) {
        let rest = skipSpace(i, hi)
        if rest < hi { throw AnswerFailure("unexpected text after \(what)", rest) }
    }

    func entries(_ count: Int) -> String { count == 1 ? "1 entry" : "\(count) entries" }

    func character(at i: Int) -> String {
        var end = i + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return String(decoding: bytes[i..<end], as: UTF8.self)
    }

    // MARK: LaTeX matrices

    /// Reads `{name}` after `\begin` or `\end` at `i`; returns the name and the offset after '}'.
    func environmentName(after i: Int, _ hi: Int, command: String) throws(AnswerFailure) -> (String, Int) {
        let open = skipSpace(i, hi)
        guard open < hi, bytes[open] == ASCII.leftBrace else {
            throw AnswerFailure("expected '{' after \\\(command)", open)
        }
        var close = open + 1
        while close < hi, bytes[close] != ASCII.rightBrace { close += 1 }
        guard close < hi else { throw AnswerFailure("missing '}'", open) }
        let (nameLo, nameHi) = trimmed(open + 1, close)
        return (String(decoding: bytes[nameLo..<nameHi], as: UTF8.self), close + 1)
    }

    mutating func parseLatexMatrix(_ lo: Int, _ hi: Int) throws(AnswerFailure) -> Tensor {
        let (name, bodyStart) = try environmentName(after: lo + 6, hi, command: "begin")
        switch name {
        case "bmatrix", "pmatrix", "Bmatrix", "matrix", "smallmatrix": break
        case "vmatrix", "Vmatrix":
            throw AnswerFailure("\(name) is not allowed: it denotes a determinant or norm; use bmatrix", lo)
        default:
            throw AnswerFailure("unsupported environment '\(name)'", lo)
        }
        var values: [Double] = []
        var rows = 0
        var width = 0
        var column = 0          // entries finished in the current row
        var rowStart = bodyStart
        var entryStart = bodyStart
        var depth = 0
        var i = bodyStart

        // Finishes the entry `entryStart..<end`; `closesRow` when followed by `\\` or `\end`.
        func finishEntry(_ end: Int, closesRow: Bool, atEnd: Bool) throws(AnswerFailure) -> Bool {
            let (entryLo, entryHi) = trimmed(entryStart, end)
            if entryLo == entryHi {
                if column == 0 && closesRow {
                    if atEnd { return false }   // trailing `\\` before `\end`, or an empty matrix
                    throw AnswerFailure("row \(rows + 1) is empty", entryLo)
                }
                throw AnswerFailure("row \(rows + 1), column \(column + 1): empty entry", entryLo)
            }
            try countEntry(at: entryLo)
            values.append(try entryValue(entryLo, entryHi, label: "row \(rows + 1), column \(column + 1)"))
            column += 1
            return true
        }
        func finishRow() throws(AnswerFailure) {
            if rows == 0 {
                width = column
            } else if column != width {
                throw AnswerFailure(
                    "row \(rows + 1) has \(entries(column)), row 1 has \(width)", skipSpace(rowStart, hi))
            }
            rows += 1
            column = 0
        }

        while i < hi {
            let b = bytes[i]
            switch b {
            case ASCII.leftBrace, ASCII.leftParen:
                depth += 1
                i += 1
            case ASCII.rightBrace, ASCII.rightParen:
                depth = max(0, depth - 1)
                i += 1
            case ASCII.ampersand where depth == 0:
                _ = try finishEntry(i, closesRow: false, atEnd: false)
                i += 1
                entryStart = i
            case ASCII.backslash:
                if i + 1 < hi, bytes[i + 1] == ASCII.backslash {
                    if try finishEntry(i, closesRow: true, atEnd: false) { try finishRow() }
                    i = skipRowSpacing(i + 2, hi)
                    entryStart = i
                    rowStart = i
                } else if hasCommand("end", at: i, before: hi) {
                    if try finishEntry(i, closesRow: true, atEnd: true) { try finishRow() }
                    let (endName, after) = try environmentName(after: i + 4, hi, command: "end")
                    guard endName == name else {
                        throw AnswerFailure("\\begin{\(name)} is closed by \\end{\(endName)}", i)
                    }
                    try expectEnd(after: after, hi, what: "\\end{\(name)}")
                    guard rows > 0, width > 0 else { throw AnswerFailure("empty answer", lo) }
                    return Tensor(shape: [rows, width], scalars: values)
                } else if hasCommand("begin", at: i, before: hi) {
                    throw AnswerFailure("nested environments are not supported", i)
                } else {
                    i += 2   // a command or an escaped character; entries translate it later
                }
            default:
                i += 1
            }
        }
        throw AnswerFailure("missing \\end{\(name)}", hi)
    }

    /// Skips whitespace and an optional `[2pt]` spacing argument after `\\`.
    func skipRowSpacing(_ i: Int, _ hi: Int) -> Int {
        let j = skipSpace(i, hi)
        guard j < hi, bytes[j] == ASCII.leftBracket else { return i }
        var k = j + 1
        while k < hi, bytes[k] != ASCII.rightBracket, bytes[k] != ASCII.backslash, bytes[k] != ASCII.ampersand {
            k += 1
        }
        return k < hi && bytes[k] == ASCII.rightBracket ? k + 1 : i
    }

    // MARK: Entries

    /// The value of the trimmed, non-empty entry `lo..<hi`.
    func entryValue(_ lo: Int, _ hi: Int, label: String?) throws(AnswerFailure) -> Double {
        if let value = plainNumber(lo, hi) { return value }
        var translator = EntryTranslator(bytes: bytes)
        do {
            try translator.translate(lo, hi, depth: 0)
        } catch {
            throw labelled(error, label)
        }
        translator.map.append(hi)
        let source = String(decoding: translator.out, as: UTF8.self)
        let expression: Expression
        do {
            expression = try ExpressionParser.parse(source, variables: [])
        } catch {
            let byte = Self.byteOffset(ofCharacter: error.offset, in: translator.out)
            let mapped = translator.map[min(byte, translator.map.count - 1)]
            throw labelled(AnswerFailure(error.message, mapped), label)
        }
        do {
            return try expression.evaluate([:], options: EvaluationOptions())
        } catch {
            throw labelled(AnswerFailure(error.message, lo), label)
        }
    }

    func labelled(_ failure: AnswerFailure, _ label: String?) -> AnswerFailure {
        guard let label else { return failure }
        return AnswerFailure("\(label): \(failure.message)", failure.byteOffset)
    }

    /// A plain decimal `[+-]digits[.digits][e[+-]digits]` read directly, or nil.
    func plainNumber(_ lo: Int, _ hi: Int) -> Double? {
        bytes.withUnsafeBufferPointer { Self.plainNumber(in: $0, lo, hi) }
    }

    /// `plainNumber(lo, hi)` over any UTF-8 buffer (`lo < hi`).
    static func plainNumber(in bytes: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> Double? {
        var i = lo
        let negative = bytes[i] == ASCII.minus
        if bytes[i] == ASCII.plus || bytes[i] == ASCII.minus { i += 1 }
        // The digits are also gathered as an integer mantissa and a decimal exponent, for the exact
        // fast path below.
        var digits = 0
        var mantissa: UInt64 = 0
        var significant = 0
        var exponent = 0
        func gather(_ digit: UInt8, fraction: Bool) {
            if mantissa == 0 && digit == ASCII.zero {
                if fraction { exponent -= 1 }
                return
            }
            significant += 1
            if significant <= 19 {
                mantissa = mantissa * 10 + UInt64(digit - ASCII.zero)
                if fraction { exponent -= 1 }
            } else if !fraction {
                exponent += 1
            }
        }
        while i < hi, ASCII.isDigit(bytes[i]) { gather(bytes[i], fraction: false); i += 1; digits += 1 }
        if i < hi, bytes[i] == ASCII.dot {
            i += 1
            while i < hi, ASCII.isDigit(bytes[i]) { gather(bytes[i], fraction: true); i += 1; digits += 1 }
        }
        guard digits > 0 else { return nil }
        var written = 0
        if i < hi, bytes[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            let negativeExponent = i < hi && bytes[i] == ASCII.minus
            if i < hi, bytes[i] == ASCII.plus || bytes[i] == ASCII.minus { i += 1 }
            var exponentDigits = 0
            while i < hi, ASCII.isDigit(bytes[i]) {
                if written < 100_000 { written = written * 10 + Int(bytes[i] - ASCII.zero) }
                i += 1
                exponentDigits += 1
            }
            guard exponentDigits > 0 else { return nil }
            if negativeExponent { written = -written }
        }
        guard i == hi else { return nil }
        // Exact fast path (Clinger): a mantissa of at most 2^53 and a power of ten of at most 10^22
        // are both exact doubles, so one multiplication or division rounds the decimal value
        // correctly, which is what the correctly rounded conversion below returns too.
        let power = exponent + written
        if significant <= 19, mantissa <= 1 << 53, (-22...22).contains(power) {
            var value = Double(mantissa)
            value = power < 0 ? value / Self.powersOfTen[-power] : value * Self.powersOfTen[power]
            return negative ? -value : value
        }
        guard let value = Double(String(decoding: bytes[lo..<hi], as: UTF8.self)), value.isFinite else {
            return nil   // let the expression parser report it
        }
        return value
    }

    /// 10^0 … 10^22, every one an exact double.
    static let powersOfTen: [Double] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
                                        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22]

    /// The UTF-8 offset of the `character`-th Character of `bytes`.
    static func byteOffset(ofCharacter character: Int, in bytes: [UInt8]) -> Int {
        if bytes.allSatisfy({ $0 < 0x80 }) { return min(character, bytes.count) }
        let string = String(decoding: bytes, as: UTF8.self)
        let index = string.index(string.startIndex, offsetBy: min(character, string.count))
        return string.utf8.distance(from: string.startIndex, to: index)
    }
}

/// Rewrites one entry's LaTeX into the expression grammar, remembering for every output byte the
/// source offset it came from.
private struct EntryTranslator {
    let bytes: [UInt8]
    var out: [UInt8] = []
    var map: [Int] = []

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func emit(_ text: StaticString, _ origin: Int) {
        text.withUTF8Buffer { buffer in
            for b in buffer {
                out.append(b)
                map.append(origin)
            }
        }
    }

    mutating func emit(_ byte: UInt8, _ origin: Int) {
        out.append(byte)
        map.append(origin)
    }

    mutating func translate(_ lo: Int, _ hi: Int, depth: Int) throws(AnswerFailure) {
        guard depth <= ExpressionParser.maximumDepth else {
            throw AnswerFailure("expression is nested too deeply (more than \(ExpressionParser.maximumDepth) levels)", lo)
        }
        var i = lo
        while i < hi {
            let b = bytes[i]
            switch b {
            case ASCII.leftBrace: emit(ASCII.leftParen, i); i += 1
            case ASCII.rightBrace: emit(ASCII.rightParen, i); i += 1
            case ASCII.backslash: i = try command(at: i, hi, depth: depth)
            default: emit(b, i); i += 1
            }
        }
    }

    /// Translates the command starting at the backslash at `i`; returns the offset after it.
    mutating func command(at i: Int, _ hi: Int, depth: Int) throws(AnswerFailure) -> Int {
        var j = i + 1
        guard j < hi else { throw AnswerFailure("unexpected '\\'", i) }
        if ASCII.isLetter(bytes[j]) {
            while j < hi, ASCII.isLetter(bytes[j]) { j += 1 }
        } else {
            j += 1
        }
        let name = String(decoding: bytes[(i + 1)..<j], as: UTF8.self)
        switch name {
        case "frac", "dfrac", "tfrac":
            let numerator = try argument(after: j, hi, command: name, at: i)
            let denominator = try argument(after: numerator.next, hi, command: name, at: i)
            emit("((", i)
            try translate(numerator.lo, numerator.hi, depth: depth + 1)
            emit(")/(", numerator.next)
            try translate(denominator.lo, denominator.hi, depth: depth + 1)
            emit("))", denominator.next - 1)
            return denominator.next
        case "sqrt":
            let k = skip(j, hi)
            if k < hi, bytes[k] == ASCII.leftBracket {
                throw AnswerFailure("\\sqrt[n]{…} is not supported; write x^(1/n)", i)
            }
            let radicand = try argument(after: j, hi, command: name, at: i)
            emit("sqrt((", i)
            try translate(radicand.lo, radicand.hi, depth: depth + 1)
            emit("))", radicand.next - 1)
            return radicand.next
        case "mathrm", "mathit", "operatorname", "text", "textrm":
            let content = try argument(after: j, hi, command: name, at: i)
            try translate(content.lo, content.hi, depth: depth + 1)
            return content.next
        case "cdot", "times": emit("*", i)
        case "div": emit("/", i)
        case "pi": emit("pi", i)
        case "ln": emit("ln", i)
        case "log": emit("log", i)
        case "exp": emit("exp", i)
        case "sin": emit("sin", i)
        case "cos": emit("cos", i)
        case "tanh": emit("tanh", i)
        case "max": emit("max", i)
        case "min": emit("min", i)
        case "left", "right": break
        case ",", ";", ":", "!", " ", "quad", "qquad": emit(" ", i)
        default:
            throw AnswerFailure("unsupported LaTeX command '\\\(name)'", i)
        }
        return j
    }

    func skip(_ i: Int, _ hi: Int) -> Int {
        var i = i
        while i < hi, ASCII.isSpace(bytes[i]) { i += 1 }
        return i
    }

    /// A command argument: a balanced `{…}` group or a single character.
    func argument(after i: Int, _ hi: Int, command: String, at origin: Int) throws(AnswerFailure)
        -> (lo: Int, hi: Int, next: Int)
    {
        let start = skip(i, hi)
        guard start < hi, bytes[start] != ASCII.rightBrace, bytes[start] != ASCII.backslash else {
            throw AnswerFailure("missing argument of '\\\(command)'", start)
        }
        guard bytes[start] == ASCII.leftBrace else {
            var end = start + 1
            while end < hi, bytes[end] & 0xC0 == 0x80 { end += 1 }   // a whole multi-byte character
            return (start, end, end)
        }
        var depth = 0
        var k = start
        while k < hi {
            switch bytes[k] {
            case ASCII.backslash: k += 1
            case ASCII.leftBrace: depth += 1
            case ASCII.rightBrace:
                depth -= 1
                if depth == 0 { return (start + 1, k, k + 1) }
            default: break
            }
            k += 1
        }
        throw AnswerFailure("missing '}'", start)
    }
}
