import NNCore

/// A minimal deterministic JSON builder: keys keep the order they are written in, numbers use the
/// shortest round-tripping form, and the same values always give the same bytes.
public struct JSONWriter: Sendable {
    /// The text built so far.
    public private(set) var text = ""
    private var needsComma: [Bool] = [false]
    private let indentUnit: String
    private var depth = 0

    /// Creates a writer; `pretty` indents by two spaces per level.
    public init(pretty: Bool = true) { indentUnit = pretty ? "  " : "" }

    private var newline: String { indentUnit.isEmpty ? "" : "\n" + String(repeating: indentUnit, count: depth) }

    private mutating func separator() {
        if needsComma[needsComma.count - 1] { text += "," }
        needsComma[needsComma.count - 1] = true
        if depth > 0 { text += newline }
    }

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
        if hadItems { text += newline }
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
}
