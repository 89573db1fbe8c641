import NNCore

/// The grade of one question in one submission.
public struct QuestionResult: Sendable, Hashable {
    /// The question id.
    public var id: String
    /// The question text, if any.
    public var text: String?
    /// Points earned.
    public var earned: Double
    /// Points available.
    public var possible: Double
    /// The verdict.
    public var verdict: Verdict
    /// The answer as the student wrote it (empty when missing).
    public var given: String
    /// One-line explanation that never contains the key unless `expected` may be shown.
    public var message: String
    /// A named likely mistake, when the wrong answer matches one (e.g. "sign error").
    public var diagnosis: String?
    /// The tolerance rule applied.
    public var tolerance: String
    /// The largest entry error |s − t| and the bound it was held to; only set when the key may be shown.
    public var error: ErrorMeasure?
    /// The expected value, only when the problem allows it to be shown.
    public var expected: Tensor?

    /// An error and the bound it was compared with.
    public struct ErrorMeasure: Sendable, Hashable {
        /// The largest |s − t| over the entries.
        public var error: Double
        /// The bound applied to that entry.
        public var allowed: Double
    }
}

/// The graded result of one submission file: either graded question by question, or ungradable.
public struct SubmissionResult: Sendable, Hashable {
    /// The submission file name, relative to the submissions folder.
    public var file: String
    /// The student id (from the file; for an ungradable file, the file's base name).
    public var student: String
    /// The problem id.
    public var problemID: String
    /// Per-question results in problem order (empty when ungradable).
    public var questions: [QuestionResult]
    /// Why the file could not be graded, if it could not (one line with file:line:column).
    public var ungradableReason: String?
    /// Answers for ids the problem does not have (reported, not scored).
    public var unknownQuestionIDs: [String]

    /// Points earned.
    public var earned: Double { questions.reduce(0) { $0 + $1.earned } }
    /// Points available.
    public var possible: Double
    /// Whether the file was graded.
    public var isGradable: Bool { ungradableReason == nil }
    /// Whether every question passed.
    public var allPassed: Bool { isGradable && questions.allSatisfy { $0.verdict.passed } }
}
