import NNCore
import NNProblem

/// The gradebook of a batch: one row per submission, one column per question, and the total.
///
/// CSV columns: `student`, `file`, `status` (graded / ungradable), one column per question id
/// (points earned), `total`, `max`, `percent`, `reason`. Fields are quoted per RFC 4180 and lines
/// end in CRLF. Moodle imports it directly (Grades → Import → CSV file); Canvas needs its own
/// column layout, written by `CanvasGradebook`. A field that starts with `=`, `+`, `-` or `@`
/// and is not a number gets a leading apostrophe so spreadsheets do not run it as a formula.
public enum Gradebook {
    /// The CSV text.
    public static func csv(_ results: [SubmissionResult], problem: Problem) -> String {
        var out = ""
        let ids = problem.questions.map(\.id)
        out += row(["student", "file", "status"] + ids + ["total", "max", "percent", "reason"])
        for r in results {
            var fields = [r.student, r.file, r.isGradable ? "graded" : "ungradable"]
            if r.isGradable {
                fields += r.questions.map { NumberFormatting.significant($0.earned, digits: 6) }
            } else {
                fields += Array(repeating: "0", count: ids.count)
            }
            let total = r.isGradable ? r.earned : 0
            fields += [NumberFormatting.significant(total, digits: 6), NumberFormatting.significant(r.possible, digits: 6),
                       NumberFormatting.fixed(r.possible > 0 ? 100 * total / r.possible : 0, decimals: 1),
                       r.ungradableReason ?? ""]
            out += row(fields)
        }
        return out
    }

    static func row(_ fields: [String]) -> String { fields.map(field).joined(separator: ",") + "\r\n" }

    static func field(_ raw: String) -> String {
        var s = raw
        if let f = s.first, "=+-@".contains(f), Double(s) == nil { s = "'" + s }
        if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "'" }) || s.hasPrefix(" ") || s.hasSuffix(" ") {
            return "\"" + s.replacingAll("\"", with: "\"\"") + "\""
        }
        return s
    }

    /// The whole batch as one JSON document (every submission's full result).
    public static func json(_ results: [SubmissionResult], problem: Problem) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.string(problem.id, key: "problem")
        w.string(problem.title, key: "title")
        w.number(problem.totalPoints, key: "max_score")
        w.beginArray("submissions")
        for r in results { SubmissionReport.write(r, to: &w) }
        w.endArray()
        w.endObject()
        return w.text + "\n"
    }
}

extension String {
    /// Every occurrence of `target` replaced with `replacement`.
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for ch in self { if ch == target { out += replacement } else { out.append(ch) } }
        return out
    }
}
