/// How a student's tensor is compared with the key's: the number tolerance and the shape leniency.
public struct ComparisonPolicy: Sendable, Hashable {
    /// The tolerance applied to every entry.
    public var tolerance: Tolerance
    /// Per-entry partial credit for vectors and matrices: the score is the fraction of entries
    /// within tolerance. When off, any entry outside tolerance makes the answer `.incorrect`.
    public var partialCredit: Bool
    /// Whether vector(n), n×1 and 1×n are interchangeable. A scalar and a one-entry vector or
    /// 1×1 matrix are interchangeable under either setting.
    public var vectorOrientation: VectorLeniency
    /// Whether an answer equal to the key's transpose is reported as `.transposed`.
    public var detectTranspose: Bool

    /// Creates a policy; the defaults are the default tolerance, partial credit, lenient vector
    /// orientation and transpose detection.
    public init(tolerance: Tolerance = .default, partialCredit: Bool = true,
                vectorOrientation: VectorLeniency = .lenient, detectTranspose: Bool = true) {
        self.tolerance = tolerance
        self.partialCredit = partialCredit
        self.vectorOrientation = vectorOrientation
        self.detectTranspose = detectTranspose
    }
}

/// How strictly the orientation of a vector answer is checked.
public enum VectorLeniency: String, Sendable, Hashable, CaseIterable {
    /// vector(n), n×1 and 1×n are three different shapes; n×1 against 1×n (n ≥ 2) may be `.transposed`.
    case strict
    /// vector(n), n×1 and 1×n are interchangeable and a row-versus-column answer is never `.transposed`.
    case lenient
}
