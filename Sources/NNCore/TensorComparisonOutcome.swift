/// The result of comparing a student's tensor with the key: a math result. Grading has one verdict
/// concept, NNGrade's `Verdict`, which `Verdict.init(_:)` derives from this in one place.
public enum ComparisonOutcome: Sendable, Hashable {
    /// Every entry is within tolerance.
    case correct(entries: [EntryResult])
    /// Some but not all entries are within tolerance (partial credit on); `fraction` is the share within.
    case partiallyCorrect(fraction: Double, entries: [EntryResult])
    /// No entry is within tolerance, or some entry is not and partial credit is off.
    case incorrect(entries: [EntryResult])
    /// The answer equals the key's transpose within tolerance: a named mistake that scores 0.
    case transposed(expectedShape: [Int], givenShape: [Int])
    /// The answer's shape cannot be compared with the key's.
    case shapeMismatch(expectedShape: [Int], givenShape: [Int])
    /// The student's answer has a NaN or infinite entry at this 0-based index (in the key's shape).
    case notFinite(index: [Int])

    /// The score in [0, 1]: 1 when correct, the entry fraction when partially correct, else 0.
    public var fraction: Double {
        switch self {
        case .correct: return 1
        case .partiallyCorrect(let fraction, _): return fraction
        case .incorrect, .transposed, .shapeMismatch, .notFinite: return 0
        }
    }

    /// The per-entry results, or `[]` for outcomes decided before entries were compared.
    public var entries: [EntryResult] {
        switch self {
        case .correct(let entries), .partiallyCorrect(_, let entries), .incorrect(let entries):
            return entries
        case .transposed, .shapeMismatch, .notFinite:
            return []
        }
    }
}
