import Testing
@testable import NNYAML
import TestSupport

/// `PrintableASCII.end` (eight bytes at a time) agrees with a byte-by-byte scan.
@Suite struct PrintableASCIITests {
    static func naiveEnd(_ bytes: [UInt8], from start: Int) -> Int {
        var i = start
        while i < bytes.count, bytes[i] >= 0x20, bytes[i] < 0x7F { i += 1 }
        return i
    }

    @Test func stopsAtTheFirstByteOutsideThePrintableRange() {
        // Every byte value, at every position of a 20-byte run of printable text, from every start.
        let base = Array("abcdefghij0123456789".utf8)
        for stopper in 0...255 {
            for position in 0...base.count {
                var bytes = base
                bytes.insert(UInt8(stopper), at: position)
                bytes.withUnsafeBufferPointer { buffer in
                    for start in [0, 1, 7, 8, 9] where start <= bytes.count {
                        #expect(PrintableASCII.end(of: buffer, from: start) == Self.naiveEnd(bytes, from: start),
                                "byte \(stopper) at \(position), start \(start)")
                    }
                }
            }
        }
    }

    @Test func randomBuffersAgreeWithTheByteLoop() {
        var random = SeededGenerator(seed: 0x9E37_79B9_7F4A_7C15)
        func next() -> UInt64 { random.next() }
        for _ in 0..<2_000 {
            let length = Int(next() % 64)
            // Mostly printable, sometimes a control, DEL, tab, line break or non-ASCII byte.
            let bytes = (0..<length).map { _ -> UInt8 in
                let r = next()
                return r % 20 == 0 ? UInt8(truncatingIfNeeded: r >> 8) : UInt8(0x20 + (r >> 8) % 0x5F)
            }
            bytes.withUnsafeBufferPointer { buffer in
                for start in 0...length {
                    #expect(PrintableASCII.end(of: buffer, from: start) == Self.naiveEnd(bytes, from: start))
                }
            }
        }
    }
}
