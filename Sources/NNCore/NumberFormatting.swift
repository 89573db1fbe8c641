/// Deterministic, locale-independent number formatting shared by tables, reports and JSON.
public enum NumberFormatting {
    /// "0" … "9".
    private static let singleDigits = (0...9).map(String.init)

    /// The shortest decimal text that round-trips to the same `Double` (Swift's `description`),
    /// with `-0` printed as `0` and integral values printed without `.0`.
    public static func short(_ value: Double) -> String {
        if value == 0 { return "0" }
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value == value.rounded(), abs(value) < 1e15 {
            // Scores and counts are mostly single digits: no integer-to-text conversion for them.
            if value > 0 && value < 10 { return singleDigits[Int(value)] }
            return String(Int64(value))
        }
        return "\(value)"
    }

    /// `value` rounded to `digits` significant figures, printed without trailing zeros.
    ///
    /// Magnitudes from 10⁻⁶ up to 10¹⁵ print in positional notation (`0.000123`, `123457`);
    /// smaller and larger ones in scientific notation (`1.23e-07`, `1.8e+308`), so that no value
    /// is ever rounded to 0 or overflows to infinity by being printed.
    public static func significant(_ value: Double, digits: Int) -> String {
        guard value.isFinite, value != 0, digits > 0 else { return short(value) }
        let magnitude = Int((abs(value)).log10Floor)
        if magnitude < -6 || magnitude >= 15 {
            return scientific(value, digits: digits, magnitude: magnitude)
        }
        let decimals = max(0, digits - 1 - magnitude)
        let scale = pow10(digits - 1 - magnitude)
        let rounded = (value * scale).rounded() / scale
        guard rounded.isFinite else { return short(value) }
        if decimals == 0 { return short(rounded) }
        return fixed(rounded, decimals: min(decimals, 17))
    }

    /// Scientific notation with `digits` significant figures: mantissa, `e`, sign, two or more digits.
    static func scientific(_ value: Double, digits: Int, magnitude: Int) -> String {
        // Divide in two steps so that neither factor overflows or underflows.
        var mantissa = value / pow10(magnitude / 2) / pow10(magnitude - magnitude / 2)
        var exponent = magnitude
        guard mantissa.isFinite, mantissa != 0 else { return short(value) }
        let step = pow10(max(0, digits - 1))
        mantissa = (mantissa * step).rounded() / step
        if abs(mantissa) >= 10 {
            mantissa /= 10
            exponent += 1
        }
        let body = fixed(mantissa, decimals: max(0, digits - 1))
        let sign = exponent < 0 ? "-" : "+"
        let e = String(abs(exponent))
        return body + "e" + sign + (e.count < 2 ? "0" + e : e)
    }

    /// `value` printed with exactly `decimals` digits after the point, trailing zeros trimmed.
    public static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return short(value) }
        let scale = pow10(decimals)
        let scaled = (abs(value) * scale).rounded()
        if scaled >= 1e17 { return short(value) }
        let integer = UInt64(scaled)
        let divisor = UInt64(pow10(decimals))
        let whole = integer / max(divisor, 1)
        let sign = (value < 0 && integer != 0) ? "-" : ""
        if decimals > 0 {
            // The fraction has `decimals` digits (divisor is exactly 10^decimals); trailing zeros
            // are trimmed on the integer, and the leading zeros that remain are padded back.
            var fraction = integer % max(divisor, 1)
            var digits = decimals
            while digits > 0 && fraction % 10 == 0 {
                fraction /= 10
                digits -= 1
            }
            if digits == 0 { return sign + String(whole) }
            let text = String(fraction)
            return sign + String(whole) + "." + String(repeating: "0", count: max(0, digits - text.utf8.count)) + text
        }
        return sign + String(whole)
    }

    /// 10 raised to an integer power, exact for |n| ≤ 22.
    public static func pow10(_ n: Int) -> Double {
        var result = 1.0
        let base = n >= 0 ? 10.0 : 0.1
        if n < 0 {
            for _ in 0..<(-n) { result *= 10 }
            return 1 / result
        }
        for _ in 0..<n { result *= base }
        return result
    }
}

extension Double {
    /// ⌊log₁₀|self|⌋ computed without Foundation, exact at powers of ten.
    var log10Floor: Double {
        var m = abs(self)
        guard m.isFinite, m > 0 else { return 0 }
        var e = 0
        while m >= 10 { m /= 10; e += 1 }
        while m < 1 { m *= 10; e -= 1 }
        return Double(e)
    }
}
