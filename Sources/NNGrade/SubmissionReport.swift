import NNCore
import NNProblem

/// Per-submission reports: Markdown for people, JSON for machines. Byte-for-byte deterministic.
public enum SubmissionReport {
    /// The Markdown report of one submission.
    public static func markdown(_ r: SubmissionResult, problem: Problem) -> String {
        var out = "# \(escape(problem.title)): \(escape(r.student))\n\n"
        out += "- Problem: `\(problem.id)`\n- Submission: `\(escape(r.file))`\n"
        if let reason = r.ungradableReason {
            out += "- Score: 0 / \(points(r.possible))\n- Status: **ungradable**: \(escape(reason))\n"
            return out
        }
        out += "- Score: **\(points(r.earned)) / \(points(r.possible))**\n"
        let usual = commonTolerance(r.questions)
        if let usual { out += "- Tolerance: \(escape(usual)) unless a question says otherwise\n" }
        out += "\n| Question | Points | Verdict | Given | Details |\n|---|---|---|---|---|\n"
        for q in r.questions {
            var details = q.message
            if let d = q.diagnosis { details += "; likely mistake: \(d)" }
            // Wrong entries already carry their expected values and errors in the message.
            if let x = q.expected, q.verdict == .correct || q.error == nil {
                details += "; expected \(AnswerKeyRendering.formatted(x))"
            }
            if q.tolerance != usual { details += " (tolerance \(q.tolerance))" }
            out += "| \(escape(q.id)) | \(points(q.earned)) / \(points(q.possible)) | \(q.verdict.rawValue) | \(code(q.given)) | \(escape(details)) |\n"
        }
        if !r.unknownQuestionIDs.isEmpty {
            out += "\nAnswers for questions this problem does not have (not scored): "
                + r.unknownQuestionIDs.map { "`\(escape($0))`" }.joined(separator: ", ") + "\n"
        }
        return out
    }

    /// The JSON report of one submission.
    public static func json(_ r: SubmissionResult) -> String {
        var w = JSONWriter()
        write(r, to: &w)
        return w.text + "\n"
    }

    /// Writes a submission result as a JSON object (shared by the per-file report and the batch export).
    public static func write(_ r: SubmissionResult, to w: inout JSONWriter) {
        w.beginObject()
        w.string(r.student, key: "student")
        w.string(r.file, key: "file")
        w.string(r.problemID, key: "problem")
        w.string(r.isGradable ? "graded" : "ungradable", key: "status")
        if let reason = r.ungradableReason { w.string(reason, key: "reason") }
        w.number(r.isGradable ? r.earned : 0, key: "score")
        w.number(r.possible, key: "max_score")
        w.beginArray("questions")
        for q in r.questions {
            w.beginObject()
            w.string(q.id, key: "id")
            w.number(q.earned, key: "score")
            w.number(q.possible, key: "max_score")
            w.string(q.verdict.rawValue, key: "verdict")
            w.string(q.given, key: "given")
            w.string(q.message, key: "message")
            if let d = q.diagnosis { w.string(d, key: "diagnosis") }
            w.string(q.tolerance, key: "tolerance")
            if let e = q.error {
                w.number(e.error, key: "error")
                w.number(e.allowed, key: "allowed")
            }
            if let x = q.expected { w.tensor(x, key: "expected") }
            w.endObject()
        }
        w.endArray()
        if !r.unknownQuestionIDs.isEmpty {
            w.beginArray("unknown_questions")
            for id in r.unknownQuestionIDs { w.string(id) }
            w.endArray()
        }
        w.endObject()
    }

    /// The tolerance most questions use (ties broken by text), shown once in the header.
    static func commonTolerance(_ questions: [QuestionResult]) -> String? {
        var counts: [String: Int] = [:]
        for q in questions { counts[q.tolerance, default: 0] += 1 }
        return counts.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key
    }

    static func points(_ v: Double) -> String { NumberFormatting.significant(v, digits: 6) }
    static func sig(_ v: Double) -> String { NumberFormatting.significant(v, digits: 3) }

    /// Text safe inside a Markdown table cell: pipes, backslashes, markup characters and line breaks escaped.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.count)
        for ch in s {
            switch ch {
            case "|", "\\", "*", "_", "`", "<", ">", "[", "]", "#": out.append("\\"); out.append(ch)
            case "\n", "\r", "\r\n": out.append(" ")
            default:
                if let a = ch.asciiValue, a < 0x20 || a == 0x7F { out.append("�") } else { out.append(ch) }
            }
        }
        return out
    }

    /// A value shown as inline code, clipped to 80 characters; empty values show as an em dash.
    static func code(_ s: String) -> String {
        let flat = String(s.map { $0 == "\n" || $0 == "\r" || $0 == "|" ? " " : $0 })
        let clipped = flat.count > 80 ? String(flat.prefix(77)) + "..." : flat
        if clipped.trimmingCharacters().isEmpty { return "—" }
        let ticks = clipped.contains("`") ? "`` " : "`"
        let close = clipped.contains("`") ? " ``" : "`"
        return ticks + clipped.replacingBackslashPipes() + close
    }
}

extension String {
    /// Pipes cannot appear inside table cells even in code spans.
    func replacingBackslashPipes() -> String { String(map { $0 == "|" ? "¦" : $0 }) }
}
