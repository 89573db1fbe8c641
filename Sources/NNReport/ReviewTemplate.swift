import NNOutput
import NNGrade
import NNProblem

/// The review file an instructor fills in (`nncheck review-template PROBLEM SUBMISSIONS`): one
/// row per answer waiting for review, with the answer's text, read back by `ReviewFile`.
///
/// Columns: `file`, `student`, `question`, `max_points`, `points` (empty: fill it in),
/// `comment` (optional), `answer`. CSV as the gradebook writes it (RFC 4180, CRLF).
public enum ReviewTemplate {
    /// The column names, in order.
    public static let columns = ["file", "student", "question", "max_points", "points", "comment", "answer"]

    /// The CSV text for a graded batch.
    public static func csv(_ results: [SubmissionResult]) -> String {
        var out = Gradebook.row(columns)
        for r in results where r.isGradable {
            for q in r.questions where q.verdict.isPending {
                out += Gradebook.row([r.file, r.student, q.id, PointsText.of(q.possible), "", "", q.given])
            }
        }
        return out
    }
}
