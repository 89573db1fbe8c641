
/// Powers of ten as the `Double`s nearest to them (what a person gets by typing `1e-3`), and
/// ⌊log₁₀ x⌋ measured against exactly those values.
enum DecimalPowers {
    /// Smallest exponent in the table; 1e-324 and below round to 0.
    static let minExponent = -323
    /// Largest exponent in the table; 1e309 and above overflow.
    static let maxExponent = 308
    /// Figure and place counts are clamped to ±this before any arithmetic, far beyond the table.
    static let exponentLimit = 10_000

    /// `table[k - minExponent]` is the correctly rounded `Double` of 10^k.
    private static let table: [Double] = (minExponent...maxExponent).map { k in
        Double("1e\(k)") ?? NumberFormatting.pow10(k)
    }

    /// The nearest `Double` to 10^k: 0 below the table, +∞ above it.
    @inline(__always)
    static func power(_ k: Int) -> Double {
        if k < minExponent { return 0 }
        if k > maxExponent { return .infinity }
        return table[k - minExponent]
    }

    /// The largest k with `power(k) ≤ x`, clamped to the table (x ≤ 0 or NaN gives the minimum).
    static func floorLog10(_ x: Double) -> Int {
        guard x > 0 else { return minExponent }
        guard x.isFinite else { return maxExponent }
        // log₁₀ 2 ≈ 0.30103; the estimate from the binary exponent is off by at most one.
        var k = Int((Double(x.exponent) * 0.301_029_995_663_981_2).rounded(.down))
        k = min(max(k, minExponent), maxExponent)
        while k < maxExponent && power(k + 1) <= x { k += 1 }
        while k > minExponent && power(k) > x { k -= 1 }
        return k
    }
}
