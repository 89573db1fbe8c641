/// Text built as UTF-8 bytes, for reports: appending bytes is several times cheaper than
/// appending Strings, and the bytes go to a file without being converted.
public struct UTF8Text: Sendable {
    /// The UTF-8 bytes so far.
    public private(set) var bytes: [UInt8] = []

    /// Creates empty text with room for `capacity` bytes.
    public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// Appends `text`'s UTF-8.
    public mutating func append(_ text: String) { UTF8Scan.append(text, to: &bytes) }

    /// Appends the first `count` UTF-8 bytes of `text` (all of them if it is shorter).
    public mutating func append(_ text: String, prefixBytes count: Int) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0.prefix(count)) }
    }

    /// Appends one byte (an ASCII character).
    public mutating func append(byte: UInt8) { bytes.append(byte) }

    /// Appends `text`'s UTF-8.
    public static func += (lhs: inout UTF8Text, rhs: String) { lhs.append(rhs) }

    /// The text as a String.
    public var string: String { String(decoding: bytes, as: UTF8.self) }
}
