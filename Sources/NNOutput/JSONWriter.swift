import NNCore

/// A minimal deterministic JSON builder: keys keep the order they are written in, numbers use the
/// shortest round-tripping form, and the same values always give the same bytes.
public struct JSONWriter: Sendable {
    /// The text built so far.
    public var text: String { String(decoding: bytes, as: UTF8.self) }
    /// The text followed by one line break, as the documents written to files end.
    public var textWithTrailingNewline: String {
        String(unsafeUninitializedCapacity: bytes.count + 1) { buffer in
            _ = buffer.initialize(from: bytes)
            buffer[bytes.count] = 0x0A
            return bytes.count + 1
        }
    }
    /// The UTF-8 bytes of `textWithTrailingNewline`, for writing to a file without a String.
    public var utf8WithTrailingNewline: [UInt8] {
        var result = bytes
        result.append(0x0A)
        return result
    }
    /// The UTF-8 bytes of `textWithTrailingNewline`, taken out of the writer without copying
    /// them; the writer is empty afterwards.
    public mutating func takeUTF8WithTrailingNewline() -> [UInt8] {
        bytes.append(0x0A)
        return takeUTF8()
    }
    /// The bytes written since the writer began or since the last take, taken out of it; its
    /// nesting and separators carry on, so a long document can be written out in pieces.
    public mutating func takeUTF8() -> [UInt8] {
        defer { bytes = [] }
        return bytes
    }
    /// The UTF-8 text; appending bytes is much cheaper than appending to a String.
    private var bytes: [UInt8] = []
    private var needsComma: [Bool] = [false]
    /// Spaces per nesting level: 2 when pretty, 0 otherwise.
    private let indentWidth: Int
    private var depth = 0

    /// Creates a writer; `pretty` indents by two spaces per level.
    public init(pretty: Bool = true) { indentWidth = pretty ? 2 : 0 }

    /// Spaces copied for indentation, so a line's indentation is one append.
    private static let spaces = [UInt8](repeating: 0x20, count: 64)

    /// Appends a line break and the indentation of the current depth (nothing when not pretty).
    private mutating func appendNewline() {
        guard indentWidth > 0 else { return }
        bytes.append(0x0A)
        var remaining = depth * indentWidth
        while remaining > 0 {
            let n = min(remaining, Self.spaces.count)
            bytes.append(contentsOf: Self.spaces[..<n])
            remaining -= n
        }
    }

    private mutating func separator() {
        if needsComma[needsComma.count - 1] { bytes.append(UInt8(ascii: ",")) }
        needsComma[needsComma.count - 1] = true
        if depth > 0 { appendNewline() }
    }

    /// Reserves room for `count` more bytes of text, for documents whose size is known ahead.
    public mutating func reserveCapacity(_ count: Int) { bytes.reserveCapacity(bytes.count + count) }

    /// Opens an object, as a value or under `key` inside an object.
    public mutating func beginObject(_ key: String? = nil) { open(UInt8(ascii: "{"), key) }
    /// Closes the current object.
    public mutating func endObject() { close(UInt8(ascii: "}")) }
    /// Opens an array, as a value or under `key` inside an object.
    public mutating func beginArray(_ key: String? = nil) { open(UInt8(ascii: "["), key) }
    /// Closes the current array.
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    private mutating func open(_ bracket: UInt8, _ key: String?) {
        separator()
        if let key { appendKey(key) }
        bytes.append(bracket)
        depth += 1
        needsComma.append(false)
    }

    private mutating func close(_ bracket: UInt8) {
        let hadItems = needsComma.removeLast()
        depth -= 1
        if hadItems { appendNewline() }
        bytes.append(bracket)
    }

    /// Writes a raw JSON value (already encoded), as an array element or under `key`.
    public mutating func raw(_ json: String, key: String? = nil) {
        separator()
        if let key { appendKey(key) }
        bytes.append(contentsOf: json.utf8)
    }

    /// Writes a raw JSON value given as UTF-8 bytes, as `raw(_:key:)` does.
    public mutating func raw(utf8 json: [UInt8], key: String? = nil) {
        separator()
        if let key { appendKey(key) }
        bytes.append(contentsOf: json)
    }

    /// Appends `"key": ` (`"key":` when not pretty).
    private mutating func appendKey(_ key: String) {
        appendQuoted(key)
        bytes.append(UInt8(ascii: ":"))
        if indentWidth > 0 { bytes.append(UInt8(ascii: " ")) }
    }

    /// Appends `quote(s)`, straight from the string's bytes when nothing needs escaping.
    private mutating func appendQuoted(_ s: String) {
        if JSONWriter.needsEscaping(s) {
            bytes.append(contentsOf: JSONWriter.quote(s).utf8)
        } else {
            bytes.append(UInt8(ascii: "\""))
            UTF8Scan.append(s, to: &bytes)
            bytes.append(UInt8(ascii: "\""))
        }
    }

    /// Writes a string.
    public mutating func string(_ value: String?, key: String? = nil) {
        guard let value else { return raw("null", key: key) }
        separator()
        if let key { appendKey(key) }
        appendQuoted(value)
    }
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
        // Printable ASCII other than `"` and `\` never needs it; only from the first other byte on
        // is U+2028/U+2029 (E2 80 A8/A9, escaped for JavaScript) looked for.
        var s = s
        return s.withUTF8 { bytes in
            var i = 0
            while i < bytes.count, bytes[i] &- 0x20 < 0x5F, bytes[i] != 0x22, bytes[i] != 0x5C { i += 1 }
            var previous: UInt8 = 0, beforePrevious: UInt8 = 0
            while i < bytes.count {
                let b = bytes[i]
                if b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F { return true }
                if (b == 0xA8 || b == 0xA9) && previous == 0x80 && beforePrevious == 0xE2 { return true }
                beforePrevious = previous
                previous = b
                i += 1
            }
            return false
        }
    }
}
