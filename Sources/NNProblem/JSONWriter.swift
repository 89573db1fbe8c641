import NNCore

/// A minimal deterministic JSON builder: keys keep the order they are written in, numbers use the
/// shortest round-tripping form, and the same values always give the same bytes.
public struct JSONWriter: Sendable {
    /// The text built so far.
    public private(set) var text = ""
    private var needsComma: [Bool] = [false]
    private let indentUnit: String
    private var depth = 0
    /// `"\n"` followed by the indentation of each depth, built as depths are reached.
    private var newlines: [String] = []

    /// Creates a writer; `pretty` indents by two spaces per level.
    public init(pretty: Bool = true) { indentUnit = pretty ? "  " : "" }

    /// Appends a line break and the indentation of the current depth (nothing when not pretty).
    private mutating func appendNewline() {
        guard !indentUnit.isEmpty else { return }
        while newlines.count <= depth { newlines.append("\n" + String(repeating: indentUnit, count: newlines.count)) }
        text += newlines[depth]
    }

    private mutating func separator() {
        if needsComma[needsComma.count - 1] { text += "," }
        needsComma[needsComma.count - 1] = true
        if depth > 0 { appendNewline() }
    }

    /// Reserves room for `count` more bytes of text, for documents whose size is known ahead.
    public mutating func reserveCapacity(_ count: Int) { text.reserveCapacity(text.utf8.count + count) }

    /// Opens an object, as a value or under `key` inside an object.
    public mutating func beginObject(_ key: String? = nil) { open("{", key) }
    /// Closes the current object.
    public mutating func endObject() { close("}") }
    /// Opens an array, as a value or under `key` inside an object.
    public mutating func beginArray(_ key: String? = nil) { open("[", key) }
    /// Closes the current array.
    public mutating func endArray() { close("]") }

    private mutating func open(_ bracket: String, _ key: String?) {
        separator()
        if let key { text += JSONWriter.quote(key) + (indentUnit.isEmpty ? ":" : ": ") }
        text += bracket
        depth += 1
        needsComma.append(false)
    }

    private mutating func close(_ bracket: String) {
        let hadItems = needsComma.removeLast()
        depth -= 1
        if hadItems { appendNewline() }
        text += bracket
    }

    /// Writes a raw JSON value (already encoded), as an array element or under `key`.
    public mutating func raw(_ json: String, key: String? = nil) {
        separator()
        if let key { text += JSONWriter.quote(key) + (indentUnit.isEmpty ? ":" : ": ") }
        text += json
    }

    /// Writes a string.
    public mutating func string(_ value: String?, key: String? = nil) { raw(value.map(JSONWriter.quote) ?? "null", key: key) }
    /// Writes a number (non-finite values become null).
    public mutating func number(_ value: Double?, key: String? = nil) { raw(value.map(JSONWriter.number) ?? "null", key: key) }
    /// Writes a Boolean.
    public mutating func bool(_ value: Bool, key: String? = nil) { raw(value ? "true" : "false", key: key) }
    /// Writes a tensor as a number or nested arrays.
    public mutating func tensor(_ value: Tensor?, key: String? = nil) { raw(value.map(JSONWriter.tensor) ?? "null", key: key) }

    /// A tensor as compact JSON: a number, `[..]` or `[[..], ..]`.
    public static func tensor(_ t: Tensor) -> String {
        switch t.nested {
        case .scalar(let v): return number(v)
        case .vector(let v): return "[" + v.map(number).joined(separator: ", ") + "]"
        case .matrix(let m): return "[" + m.map { "[" + $0.map(number).joined(separator: ", ") + "]" }.joined(separator: ", ") + "]"
        }
    }

    /// A JSON number; NaN and infinities (never valid JSON) become null.
    public static func number(_ v: Double) -> String {
        guard v.isFinite else { return "null" }
        return NumberFormatting.short(v)
    }

    /// A JSON string literal with all required escapes.
    public static func quote(_ s: String) -> String {
        // Fast path: nothing to escape, so the literal is the text between quotes.
        if !needsEscaping(s) {
            var out = "\""
            out.reserveCapacity(s.utf8.count + 2)
            out += s
            out += "\""
            return out
        }
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x2028 || u.value == 0x2029 || u.value == 0x7F {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    /// Whether `quote` must escape anything in `s`: `"`, `\\`, a control character (U+0000–U+001F,
    /// U+007F) or U+2028/U+2029 (UTF-8 E2 80 A8/A9).
    static func needsEscaping(_ s: String) -> Bool {
        func scan<C: Collection<UInt8>>(_ bytes: C) -> Bool {
            var previous: UInt8 = 0, beforePrevious: UInt8 = 0
            for b in bytes {
                if b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F { return true }
                if (b == 0xA8 || b == 0xA9) && previous == 0x80 && beforePrevious == 0xE2 { return true }
                beforePrevious = previous
                previous = b
            }
            return false
        }
        return s.utf8.withContiguousStorageIfAvailable { scan($0) } ?? scan(s.utf8)
    }
}
