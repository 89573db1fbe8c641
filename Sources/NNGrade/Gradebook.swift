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

    /// The same text as `json(results, problem:)`, built from `nestedReport` of each submission's
    /// JSON report (`SubmissionReport.json`) instead of serialising every result again.
    static func json(problem: Problem, nestedReports: [String]) -> String {
        var w = JSONWriter()
        // One allocation for the whole document (reports, separators, header), and the final
        // line break appended in place.
        w.reserveCapacity(nestedReports.reduce(0) { $0 + $1.utf8.count + 8 } + problem.title.utf8.count + 4096)
        w.beginObject()
        w.string(problem.id, key: "problem")
        w.string(problem.title, key: "title")
        w.number(problem.totalPoints, key: "max_score")
        w.beginArray("submissions")
        for report in nestedReports { w.raw(report) }
        w.endArray()
        w.endObject()
        var text = w.text
        w = JSONWriter()
        text += "\n"
        return text
    }

    /// A submission's JSON report as it appears inside gradebook.json, two levels deep: the
    /// writer's only line breaks are its indentation (strings escape theirs), so nesting adds
    /// four spaces after each line break; the report's final line break is dropped.
    static func nestedReport(_ report: String) -> String {
        var report = report
        return report.withUTF8 { source in
            let count = source.count - (source.last == 0x0A ? 1 : 0)
            var breaks = 0
            for i in 0..<count where source[i] == 0x0A { breaks += 1 }
            return String(unsafeUninitializedCapacity: count + 4 * breaks) { target in
                var j = 0
                for i in 0..<count {
                    target[j] = source[i]
                    j += 1
                    if source[i] == 0x0A {
                        for k in 0..<4 { target[j + k] = 0x20 }
                        j += 4
                    }
                }
                return j
            }
        }
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
