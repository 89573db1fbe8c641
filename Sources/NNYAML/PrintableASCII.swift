/// Skipping runs of printable ASCII (0x20–0x7E) eight bytes at a time, for the byte-by-byte
/// checks that only stop at other bytes (text validation, the fast path's pre-scan).
enum PrintableASCII {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The index of the first byte at or after `start` that is not printable ASCII, or `text.count`.
    static func end(of text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        if let base = text.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index + 8 <= text.count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                // A byte ≥ 0x80, a byte < 0x20 (which then borrows into its high bit) or 0x7F
                // (zero after the XOR) stops the word; the bytes before it are then stepped over.
                let notASCII = word & highBits
                let control = (word &- 0x20 &* ones) & ~word & highBits
                let delete = word ^ (0x7F &* ones)
                let hasDelete = (delete &- ones) & ~delete & highBits
                if notASCII | control | hasDelete != 0 { break }
                index += 8
            }
        }
        while index < text.count, text[index] >= 0x20, text[index] < 0x7F { index += 1 }
        return index
    }
}
