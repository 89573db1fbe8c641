import NNCore
import NNProblem

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
    /// The tolerance rule applied (numeric questions; nil for kinds without tolerances).
    public var tolerance: String?
    /// The largest entry error |s − t| and the bound it was held to; only set when the key may be shown.
    public var error: ErrorMeasure?
    /// The expected answer, only when the problem allows it to be shown.
    public var expected: ExpectedAnswer?
    /// The instructor's review comment, once a reviewed question's review is merged.
    public var comment: String?

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
    /// Whether every question passed (questions waiting for review are not counted against it).
    public var allPassed: Bool { isGradable && questions.allSatisfy { $0.verdict.passed || $0.verdict.isPending } }
    /// The questions waiting for an instructor's review.
    public var pendingCount: Int { questions.reduce(0) { $0 + ($1.verdict.isPending ? 1 : 0) } }
}

/// An expected answer as a result may show it: a numeric key, or the text of another kind's key.
public enum ExpectedAnswer: Sendable, Hashable {
    /// A number, vector or matrix.
    case value(Tensor)
    /// A text key (a choice, an accepted answer, a rubric).
    case text(String)

    /// The numeric key, if this is one.
    public var tensor: Tensor? {
        if case .value(let t) = self { return t }
        return nil
    }

    /// The answer as reports write it.
    public var text: String {
        switch self {
        case .value(let t): return AnswerKeyRendering.formatted(t)
        case .text(let s): return s
        }
    }
}
