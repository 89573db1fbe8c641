/// The outcome of one question, as reports and the gradebook name it.
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

    /// Whether the question counts as passed in a self-check.
    public var passed: Bool { self == .correct }

    /// A short symbol for terminal tables.
    public var symbol: String {
        switch self {
        case .correct: return "✔"
        case .partial: return "◐"
        case .ungraded: return "?"
        default: return "✘"
        }
    }
}
