import NNCore
import NNProblem
import NNOutput
import NNGrade

/// PrairieLearn external-grader output: the `results.json` an entrypoint writes to
/// `/grade/results/results.json`.
///
/// Follows PrairieLearn's "External Grading" documentation (Grading results): `gradable`, `score`
/// as a fraction in [0, 1], `message`, `output`, and `tests` entries with `name`, `description`,
/// `points`, `max_points`, `message` and `output`, as `<pl-external-grader-results>` renders them.
/// A file that cannot be graded is reported with `"gradable": false` (no points awarded or lost,
/// no attempt used) and the reason in `message` and `format_errors`.
public enum PrairieLearnResults {
    /// The `results.json` text for one graded (or ungradable) submission.
    public static func json(_ r: SubmissionResult, problem: Problem) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.bool(r.isGradable, key: "gradable")
        w.number(score(r), key: "score")
        w.string(PlatformFeedback.summary(r, problem: problem), key: "message")
        if let reason = r.ungradableReason {
            w.beginArray("format_errors")
            w.string(reason)
            w.endArray()
            w.string(reason, key: "output")
        } else {
            w.string(r.questions.map { "\($0.id): \(PlatformFeedback.message($0))" }.joined(separator: "\n"), key: "output")
        }
        w.beginArray("tests")
        if r.isGradable {
            for q in r.questions {
                let question = problem.declaration(q.id)
                test(&w, name: q.id, description: question.map(PlatformFeedback.description) ?? "", points: q.earned, maxPoints: q.possible,
                     message: PlatformFeedback.message(q), output: PlatformFeedback.details(q))
            }
        } else {
            for q in problem.declarations {
                test(&w, name: q.id, description: PlatformFeedback.description(q), points: 0, maxPoints: q.points,
                     message: "not graded", output: PlatformFeedback.ungradableDetails(q))
            }
        }
        w.endArray()
        w.endObject()
        return w.text + "\n"
    }

    /// The fraction of the points earned, in [0, 1]; 0 for an ungradable file or a problem worth nothing.
    public static func score(_ r: SubmissionResult) -> Double {
        guard r.isGradable, r.possible > 0 else { return 0 }
        let fraction = r.earned / r.possible
        return fraction.isFinite ? min(1, max(0, fraction)) : 0
    }

    private static func test(_ w: inout JSONWriter, name: String, description: String, points: Double, maxPoints: Double,
                             message: String, output: String) {
        w.beginObject()
        w.string(name, key: "name")
        w.string(description, key: "description")
        w.number(points, key: "points")
        w.number(maxPoints, key: "max_points")
        w.string(message, key: "message")
        w.string(output, key: "output")
        w.endObject()
    }
}
