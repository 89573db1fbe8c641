
/// How far a student's number may be from the key's and still be accepted.
///
/// In every rule below, s is the student's value and t the expected (key) value. Rules shared by
/// all modes:
/// - A NaN or ±∞ student value never passes. Keys are finite; a non-finite key accepts nothing.
/// - Every bound is closed (`|s − t| ≤ bound`) and is widened by a float slack of a relative 1e-9
///   of the bound plus 4 ulps of t (none when t = 0), so that a boundary value typed in decimal
///   (0.299 against 0.3 with ±0.001) counts as exactly on the boundary instead of falling just
///   outside because of binary rounding. The slack is far smaller than any difference a person
///   writes at the precision of the tolerance.
/// - Negative or NaN tolerance parameters are treated as 0; a significant-figure count below 1 is
///   treated as 1.
public enum Tolerance: Sendable, Hashable, CustomStringConvertible {
    /// Absolute: accept `|s − t| ≤ atol`.
    case absolute(Double)
    /// Relative: accept `|s − t| ≤ rtol·|t|` (so a key of 0 accepts only 0).
    case relative(Double)
    /// numpy.isclose / PrairieLearn style: accept `|s − t| ≤ atol + rtol·|t|`.
    case relativeOrAbsolute(rtol: Double, atol: Double)
    /// Half a unit in the n-th significant figure of the key, closed: for t ≠ 0 let
    /// E = ⌊log₁₀|t|⌋ and u = 10^(E−n+1), and accept `|s − t| ≤ ½u`. Every correctly rounded n-s.f.
    /// form of t passes: both neighbours of an exact halfway case (0.2345 → 0.234 or 0.235 at 3 s.f.)
    /// and a rounding that carries into the next power of ten (0.09996 → 0.100 at 3 s.f.), because u
    /// is taken from t, never from s. E is computed from |t| nudged up by a relative 1e-12, so a key
    /// that is a power of ten up to float noise (0.09999999999999999) is treated as that power.
    /// For t = 0, which has no significant figures, accept `|s| ≤ ½·10^(−n)`: the key is read as
    /// 0.000… written with n decimals (3 s.f. accepts |s| ≤ 0.0005).
    case significantFigures(Int)
    /// Half a unit in the d-th decimal place, closed: accept `|s − t| ≤ ½·10^(−d)`
    /// (d may be negative: −1 means to the nearest ten).
    case decimalPlaces(Int)

    /// The default, `relativeOrAbsolute(rtol: 0.005, atol: 1e-6)`, chosen for hand calculations
    /// that round every intermediate to 3 s.f.
    ///
    /// Rounding any nonzero t correctly to 3 s.f. moves it by at most ½·10^(E−2) ≤ 0.5 %·|t|, so
    /// every correctly rounded 3-s.f. answer passes, including exact halfway cases and roundings
    /// that carry into the next power of ten. Unlike a strict "3 s.f." rule, the relative band is
    /// between ½ and 5 units of the third figure wide (depending on the leading digits), which
    /// absorbs the drift of chained intermediate rounding: seed 000's −0.225 for −0.2250876,
    /// 0.987 for 0.98733, 0.251 for 0.250876 (from 2.682·0.234·0.4 = 0.25103) and 0.234 for
    /// ŷ(1−ŷ) = 0.23385 are all at most 0.07 % off. A genuine slip is almost always far larger
    /// (−0.252 for −0.2251 is 12 % off; a sign error is 200 %). The 1e-6 absolute floor absorbs
    /// float noise in keys that are mathematically 0 (a key of 3e-17 accepts 0), yet 0.0 against
    /// 0.001 still fails; it dominates the bound only for keys below 2e-4 in magnitude.
    public static let `default`: Tolerance = .relativeOrAbsolute(rtol: 0.005, atol: 1e-6)

    /// A short human form: "±0.001", "rel 1%", "≤ 1e-06 + 0.5%·|t|", "3 s.f.", "2 d.p.".
    public var description: String {
        switch self {
        case .absolute(let atol):
            return "±" + NumberFormatting.short(Tolerance.sanitized(atol))
        case .relative(let rtol):
            return "rel " + Tolerance.percent(rtol)
        case .relativeOrAbsolute(let rtol, let atol):
            return "≤ " + NumberFormatting.short(Tolerance.sanitized(atol)) + " + "
                + Tolerance.percent(rtol) + "·|t|"
        case .significantFigures(let n):
            return "\(max(1, n)) s.f."
        case .decimalPlaces(let d):
            return "\(d) d.p."
        }
    }

    /// A tolerance parameter with NaN and negative values replaced by 0.
    static func sanitized(_ value: Double) -> Double {
        value.isNaN || value < 0 ? 0 : value
    }

    /// A fraction printed as a percentage with up to 12 significant figures: 0.005 → "0.5%".
    private static func percent(_ fraction: Double) -> String {
        NumberFormatting.significant(sanitized(fraction) * 100, digits: 12) + "%"
    }
}
