/// Whole-string byte tests that run over a String's contiguous UTF-8 storage.
///
/// `String.UTF8View`'s own `allSatisfy` and `contains(where:)` step through the view one index at
/// a time, several times slower than a loop over the bytes; report writing tests every text it
/// writes this way, so these run over the storage directly.
public enum UTF8Scan {
    /// Whether every UTF-8 byte of `text` satisfies `accept` (true for empty text).
    @inlinable
    public static func allBytes(of text: String, satisfy accept: (UInt8) -> Bool) -> Bool {
        var text = text  // withUTF8 needs a variable; native strings are not copied
        return text.withUTF8 { bytes in
            for b in bytes where !accept(b) { return false }
            return true
        }
    }

    /// Whether some UTF-8 byte of `text` satisfies `match`.
    @inlinable
    public static func anyByte(of text: String, satisfies match: (UInt8) -> Bool) -> Bool {
        !allBytes(of: text) { !match($0) }
    }

    /// Appends the UTF-8 bytes of `text` to `bytes` with one copy.
    @inlinable
    public static func append(_ text: String, to bytes: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }
}
