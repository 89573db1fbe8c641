import NNCore
import NNYAML

/// A problem file's `randomize:` section: which numbers vary per student, how they are drawn, and
/// the constraints a student's variant must meet.
///
/// A variant is a pure function of (problem id, student id, course secret); see `VariantDraw`
/// for the exact rule that turns them into numbers, so another implementation can reproduce it.
public struct Randomization: Sendable {
    /// The environment variable that holds the course secret (the secret itself is never in the file).
    public var secretVariable: String
    /// The varied values, in file order (the order they are drawn in).
    public var values: [RandomizedValue]
    /// Constraints every variant must meet, all of them.
    public var constraints: [VariantConstraint]
    /// How many times the values are drawn for one student before the problem is refused.
    public var maximumDraws: Int
    /// Where `randomize:` is in the problem file.
    public var location: SourceLocation

    /// The default `maximumDraws` (`max_draws:` in the file).
    public static let defaultMaximumDraws = 100
    /// The largest `max_draws:` accepted.
    public static let maximumDrawsLimit = 10_000

    /// Creates a randomisation.
    public init(secretVariable: String, values: [RandomizedValue], constraints: [VariantConstraint] = [],
                maximumDraws: Int = Randomization.defaultMaximumDraws, location: SourceLocation) {
        self.secretVariable = secretVariable
        self.values = values
        self.constraints = constraints
        self.maximumDraws = maximumDraws
        self.location = location
    }
}

/// One randomised number (or vector): what it sets and how it is drawn.
public struct RandomizedValue: Sendable {
    /// The name as written (`w1,3`, `x`, `W1[2,1]`, `learning_rate`).
    public var name: String
    /// What it sets.
    public var target: VariantTarget
    /// How it is drawn.
    public var distribution: Distribution
    /// Where it is written.
    public var location: SourceLocation

    /// How a value is drawn.
    public enum Distribution: Sendable, Hashable {
        /// One of `count` evenly spaced values `lower + k·step`, k = 0 … count − 1 (the range's
        /// both ends included when the step divides it), each rounded to `decimals` places.
        case grid(lower: Double, step: Double, count: Int, decimals: Int)
        /// One of the listed values.
        case choice([Tensor])

        /// How many values there are to draw from.
        public var count: Int {
            switch self {
            case .grid(_, _, let count, _): return count
            case .choice(let options): return options.count
            }
        }

        /// The k-th value (0-based, k < count).
        public func value(_ k: Int) -> Tensor {
            switch self {
            case .grid(let lower, let step, _, let decimals):
                return Tensor(Self.rounded(lower + Double(k) * step, decimals: decimals))
            case .choice(let options):
                return options[k]
            }
        }

        /// `v` rounded to `decimals` places (so −1 + 3·0.1 is −0.7, not −0.7000000000000001).
        static func rounded(_ v: Double, decimals: Int) -> Double {
            var scale = 1.0
            for _ in 0..<decimals { scale *= 10 }
            let r = (v * scale).rounded() / scale
            return r == 0 ? 0 : r
        }
    }
}

/// A constraint a variant must meet: a comparison of expressions over asks, e.g.
/// `abs(z1[3]) > 0.05`, evaluated in the default scenario of the variant.
public struct VariantConstraint: Sendable {
    /// The constraint as written.
    public var source: String
    /// The parsed comparison.
    public var condition: Expression.Condition
    /// Every variable of the comparison and the ask it names.
    public var asks: [String: QuantityReference]
    /// Where it is written.
    public var location: SourceLocation
}
