/// The range of a result over several reference runs of a randomly initialised experiment, and
/// the rule that grades a student's value against it.
///
/// For each entry (one number, or each point of a curve): lo and hi are the smallest and largest
/// reference values; the accepted interval is [lo − w, hi + w] with
/// w = max(margin · (hi − lo), 0.005 · max(|lo|, |hi|), 1e-12): the band is widened by a fraction
/// of its own width (10 % by default), and by at least the default relative tolerance (0.5 %)
/// so that a band whose runs all agree (an accuracy every seed reaches) still accepts a rounded
/// answer. NaN and ±∞ never pass.
public struct SeedBand: Sendable, Hashable {
    /// The smallest reference value of each entry.
    public var lower: [Double]
    /// The largest reference value of each entry.
    public var upper: [Double]
    /// The shape of the result (as the reference values have it).
    public var shape: [Int]
    /// How many reference runs the band is made of.
    public var runs: Int
    /// The widening, as a fraction of the width.
    public var margin: Double

    /// The band of `values` (every one of the same shape; at least one).
    public init?(values: [Tensor], margin: Double) {
        guard let first = values.first, values.allSatisfy({ $0.shape == first.shape }) else { return nil }
        var lo = first.scalars, hi = first.scalars
        for v in values.dropFirst() {
            for i in lo.indices {
                lo[i] = min(lo[i], v.scalars[i])
                hi[i] = max(hi[i], v.scalars[i])
            }
        }
        lower = lo
        upper = hi
        shape = first.shape
        runs = values.count
        self.margin = margin
    }

    /// The accepted interval of entry `i`.
    public func accepted(_ i: Int) -> ClosedRange<Double> {
        let lo = lower[i], hi = upper[i]
        let w = max(margin * (hi - lo), 0.005 * max(abs(lo), abs(hi)), 1e-12)
        return (lo - w)...(hi + w)
    }

    /// Where a value falls relative to entry `i`'s accepted interval.
    public enum Position: Sendable, Hashable {
        /// Inside the interval.
        case inside
        /// Below it.
        case below
        /// Above it.
        case above
        /// NaN or infinite.
        case notFinite
    }

    /// The position of `value` for entry `i`.
    public func position(_ value: Double, entry i: Int) -> Position {
        guard value.isFinite else { return .notFinite }
        let r = accepted(i)
        if value < r.lowerBound { return .below }
        if value > r.upperBound { return .above }
        return .inside
    }
}
