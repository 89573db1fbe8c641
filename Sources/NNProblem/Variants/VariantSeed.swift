import Crypto

/// The course secret that, with the problem id and a student id, decides the student's variant.
/// Its bytes are the UTF-8 of the secret text with surrounding whitespace removed.
public struct VariantSecret: Sendable, Hashable {
    /// The key bytes.
    public let bytes: [UInt8]

    /// A secret from its text; nil when the text is empty after trimming whitespace.
    public init?(text: String) {
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty else { return nil }
        bytes = Array(trimmed.utf8)
    }
}

/// The 32-byte seed of one student's variant:
///
///     seed = HMAC-SHA256(key: secret, message: UTF-8(problem id) ‖ 0x00 ‖ UTF-8(student id))
///
/// with the student id's surrounding whitespace removed (answer files and rosters are trimmed
/// the same way). The 0x00 separator keeps ("a-1", "2") and ("a", "-12") apart.
public enum VariantSeed {
    /// The seed bytes.
    public static func bytes(problemID: String, studentID: String, secret: VariantSecret) -> [UInt8] {
        var message = Array(problemID.utf8)
        message.append(0)
        message.append(contentsOf: studentID.trimmingWhitespace().utf8)
        let code = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: secret.bytes))
        return Array(code)
    }
}

/// The generator a variant is drawn with: xoshiro256** (Blackman and Vigna, 2018) whose four
/// 64-bit state words are the seed's bytes 0–7, 8–15, 16–23 and 24–31, each read little-endian.
/// (An all-zero state, which xoshiro cannot use, is replaced by SplitMix64's first four outputs
/// from 0; HMAC-SHA256 gives it with probability 2⁻²⁵⁶.)
///
/// `below(n)` draws an integer in 0..<n without bias by rejection: with t = 2⁶⁴ mod n, a raw
/// output r is used when r ≥ t, as r mod n; otherwise the next output is tried.
public struct VariantGenerator: Sendable {
    private var s0, s1, s2, s3: UInt64

    /// A generator from a 32-byte seed.
    public init(seed: [UInt8]) {
        func word(_ i: Int) -> UInt64 {
            var w: UInt64 = 0
            for b in 0..<8 where i * 8 + b < seed.count { w |= UInt64(seed[i * 8 + b]) << (8 * UInt64(b)) }
            return w
        }
        s0 = word(0); s1 = word(1); s2 = word(2); s3 = word(3)
        if s0 | s1 | s2 | s3 == 0 {
            s0 = 0xE220_A839_7B1D_CDAF; s1 = 0x6E78_9E6A_A1B9_65F4; s2 = 0x06C4_5D18_8009_454F; s3 = 0xF88B_B8A8_724C_81EC
        }
    }

    /// The next raw 64-bit output.
    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    /// A uniform integer in 0..<n (n ≥ 1), by rejection (see the type's documentation).
    public mutating func below(_ n: Int) -> Int {
        let bound = UInt64(n)
        let threshold = (0 &- bound) % bound
        while true {
            let r = next()
            if r >= threshold { return Int(r % bound) }
        }
    }

    private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}
