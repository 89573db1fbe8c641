import NNCore

/// The verdict of one question, as reports and the gradebook name it: the one grading verdict
/// of every kind (NNCore's comparison results are math; this is what they mean for a grade).
public enum Verdict: String, Sendable, Hashable, CaseIterable {
    /// Within tolerance (every entry).
    case correct
    /// Some entries within tolerance; partial credit.
    case partial
    /// Outside tolerance.
    case incorrect
    /// The answer is the key's transpose.
    case transposed
    /// The answer has the wrong shape.
    case wrongShape = "wrong_shape"
    /// No answer was given.
    case missing
    /// The answer could not be read.
    case unparseable
    /// The answer contains NaN or infinity.
    case notFinite = "not_finite"
    /// The key could not be computed (a problem-file error), so the question is not graded.
    case ungraded
    /// The answer waits for an instructor's review (a `manual` question); it scores 0 until reviewed.
    case needsReview = "needs_review"

    /// Whether the question counts as passed in a self-check.
    public var passed: Bool { self == .correct }

    /// Whether the points are not final yet: the answer waits for an instructor's review.
    public var isPending: Bool { self == .needsReview }

    /// The verdict of a numeric comparison.
    public init(_ outcome: ComparisonOutcome) {
        switch outcome {
        case .correct: self = .correct
        case .partiallyCorrect: self = .partial
        case .incorrect: self = .incorrect
        case .transposed: self = .transposed
        case .shapeMismatch: self = .wrongShape
        case .notFinite: self = .notFinite
        }
    }

    /// The verdict of a score fraction decided by a rule or a reviewer: correct at 1, incorrect
    /// at 0, partial between.
    public init(fraction: Double) {
        self = fraction >= 1 ? .correct : (fraction > 0 ? .partial : .incorrect)
    }

    /// A short symbol for terminal tables.
    public var symbol: String {
        switch self {
        case .correct: return "✔"
        case .partial: return "◐"
        case .ungraded, .needsReview: return "?"
        default: return "✘"
        }
    }
}
