/// The pseudo-random generator of every seeded experiment: SplitMix64 (Steele, Lea and Flood,
/// "Fast splittable pseudorandom number generators", OOPSLA 2014).
///
/// The whole algorithm, so that another language can reproduce nncheck's draws exactly:
/// ```
/// state = seed
/// next(): state += 0x9E3779B97F4A7C15 (mod 2⁶⁴); z = state
///         z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9; z = (z ^ (z >> 27)) * 0x94D049BB133111EB
///         return z ^ (z >> 31)
/// unit(): (next() >> 11) · 2⁻⁵³                          a double in [0, 1)
/// below(n): the high 64 bits of next() · n (128-bit product)    an integer in 0..<n
/// ```
/// `permutation(count:)` is the Durstenfeld form of the Fisher–Yates shuffle of 0..<n: for
/// i = n−1 down to 1, swap entries i and below(i + 1).
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable {
    private var state: UInt64

    /// Starts the sequence at `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A double in [0, 1) with 53 random bits.
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// An integer in `0..<bound` (precondition: `bound` > 0), by the multiply-high method.
    public mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0, "below(_:) needs a positive bound")
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A uniformly shuffled arrangement of 0..<count (Fisher–Yates, Durstenfeld's form).
    public mutating func permutation(count: Int) -> [Int] {
        var p = Array(0..<max(count, 0))
        permute(&p)
        return p
    }

    /// Shuffles `values` in place with the same Fisher–Yates walk as `permutation(count:)`.
    public mutating func permute(_ values: inout [Int]) {
        guard values.count > 1 else { return }
        for i in stride(from: values.count - 1, through: 1, by: -1) {
            values.swapAt(i, below(i + 1))
        }
    }
}
