/// The result of comparing one student number with one key number under a `Tolerance`.
///
/// For a finite student value `passed == (error <= allowed)`; a non-finite one never passes.
public struct ToleranceCheck: Sendable, Hashable {
    /// Whether the student's value is accepted.
    public var passed: Bool
    /// `|s − t|`; +∞ when the student's value (or the key) is NaN or infinite.
    public var error: Double
    /// The bound actually applied, including the tiny float slack described on `Tolerance`.
    public var allowed: Double

    /// Creates a check from its parts.
    public init(passed: Bool, error: Double, allowed: Double) {
        self.passed = passed
        self.error = error
        self.allowed = allowed
    }
}

extension Tolerance {
    /// Compares a student's value with the expected value under the rules documented on `Tolerance`.
    public func compare(_ student: Double, to expected: Double) -> ToleranceCheck {
        guard expected.isFinite else {
            return ToleranceCheck(passed: false, error: .infinity, allowed: 0)
        }
        let allowed = appliedBound(for: expected)
        guard student.isFinite else {
            return ToleranceCheck(passed: false, error: .infinity, allowed: allowed)
        }
        let error = abs(student - expected)
        return ToleranceCheck(passed: error <= allowed, error: error, allowed: allowed)
    }

    /// The bound applied for a finite key: the nominal bound widened by the float slack.
    @inline(__always)
    func appliedBound(for expected: Double) -> Double {
        let nominal = nominalBound(for: expected)
        let ulpSlack = expected == 0 ? 0 : 4 * abs(expected).ulp
        return nominal + nominal * 1e-9 + ulpSlack
    }

    /// The bound before float slack, as written in the documentation of each mode.
    @inline(__always)
    func nominalBound(for expected: Double) -> Double {
        switch self {
        case .absolute(let atol):
            return Tolerance.sanitized(atol)
        case .relative(let rtol):
            return Tolerance.sanitized(rtol) * abs(expected)
        case .relativeOrAbsolute(let rtol, let atol):
            return Tolerance.sanitized(atol) + Tolerance.sanitized(rtol) * abs(expected)
        case .significantFigures(let count):
            let n = min(max(1, count), DecimalPowers.exponentLimit)
            let magnitude = abs(expected)
            guard magnitude > 0 else { return 0.5 * DecimalPowers.power(-n) }
            let exponent = DecimalPowers.floorLog10(magnitude + magnitude * 1e-12)
            return 0.5 * DecimalPowers.power(exponent - n + 1)
        case .decimalPlaces(let places):
            let d = min(max(places, -DecimalPowers.exponentLimit), DecimalPowers.exponentLimit)
            return 0.5 * DecimalPowers.power(-d)
        }
    }
}
