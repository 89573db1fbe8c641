import NNCore
import NNProblem
import NNOutput
import NNGrade

/// Gradescope autograder output: the `results.json` a `run_autograder` script leaves in
/// `/autograder/results/`.
///
/// Follows Gradescope's "Autograder Specifications" (Output format): top-level `score`, `output`,
/// `output_format`, `visibility` and `stdout_visibility`, and one entry in `tests` per question with
/// `name`, `number`, `score`, `max_score`, `status` (`passed` / `failed`), `output` and `visibility`.
/// The top-level `score` is set explicitly (it overrides the sum of the tests, which it equals).
/// Every output is plain text (`output_format` `text`; test outputs and names default to `text`), so
/// nothing a student wrote is rendered as HTML. A file that cannot be graded still lists every
/// question, at 0 points, so the rubric lines up from one submission to the next.
public enum GradescopeResults {
    /// The `results.json` text for one graded (or ungradable) submission.
    public static func json(_ r: SubmissionResult, problem: Problem) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.number(r.isGradable ? r.earned : 0, key: "score")
        var summary = PlatformFeedback.summary(r, problem: problem)
        if !r.isGradable { summary += " Every question scores 0 for this submission." }
        w.string(summary, key: "output")
        w.string("text", key: "output_format")
        w.string("visible", key: "visibility")
        w.string("hidden", key: "stdout_visibility")
        w.beginArray("tests")
        if r.isGradable {
            for q in r.questions {
                test(&w, name: PlatformFeedback.name(questionID: q.id, problem: problem), number: q.id,
                     score: q.earned, maxScore: q.possible, passed: q.verdict == .correct,
                     output: PlatformFeedback.details(q))
            }
        } else {
            for q in problem.declarations {
                test(&w, name: PlatformFeedback.name(q), number: q.id, score: 0, maxScore: q.points,
                     passed: false, output: PlatformFeedback.ungradableDetails(q))
            }
        }
        w.endArray()
        w.endObject()
        return w.text + "\n"
    }

    private static func test(_ w: inout JSONWriter, name: String, number: String, score: Double, maxScore: Double,
                             passed: Bool, output: String) {
        w.beginObject()
        w.string(name, key: "name")
        w.string(number, key: "number")
        w.number(score, key: "score")
        w.number(maxScore, key: "max_score")
        w.string(passed ? "passed" : "failed", key: "status")
        w.string(output, key: "output")
        w.string("visible", key: "visibility")
        w.endObject()
    }
}
