/// The grade of a formula, function or network answer: what the kind reports for one question.
public struct FormulaGrade: Sendable, Hashable {
    /// The verdict.
    public var verdict: Verdict
    /// The fraction of the points earned (0 or 1).
    public var fraction: Double
    /// One line for the report, never containing the reference formula.
    public var message: String
    /// A named likely mistake, if one was found.
    public var diagnosis: String?

    /// Creates a grade.
    public init(verdict: Verdict, fraction: Double = 0, message: String, diagnosis: String? = nil) {
        self.verdict = verdict
        self.fraction = fraction
        self.message = message
        self.diagnosis = diagnosis
    }
}
