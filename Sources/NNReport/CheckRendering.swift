import NNCore
import NNProblem
import NNOutput
import NNGrade

/// The student's self-check table for a terminal.
public enum CheckRendering {
    /// A compact table, coloured with ANSI escapes when `color` is true.
    public static func table(_ r: SubmissionResult, problem: Problem, color: Bool) -> String {
        func paint(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
        if let reason = r.ungradableReason { return paint("✘ ", "31") + reason + "\n" }
        var rows: [[String]] = [["", "question", "points", "verdict", "given", "details"]]
        for q in r.questions {
            let details = Self.details(q)
            let given = q.given.count > 30 ? String(q.given.prefix(27)) + "..." : q.given
            rows.append([q.verdict.symbol, q.id, "\(PointsText.of(q.earned))/\(PointsText.of(q.possible))",
                         q.verdict.rawValue, given.replacingNewlines(), details])
        }
        var table = TextTable.render(rows)
        if color {
            var lines = table.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for i in lines.indices.dropFirst(2) where !lines[i].isEmpty {
                let q = r.questions[i - 2]
                let code = q.verdict == .correct ? "32" : (q.verdict == .partial ? "33" : "31")
                lines[i] = paint(String(lines[i].prefix(1)), code) + lines[i].dropFirst()
            }
            table = lines.joined(separator: "\n")
        }
        let passed = r.questions.filter { $0.verdict.passed }.count
        var out = "\(problem.title) — \(r.student)\n" + table
        out += "\(passed) of \(r.questions.count) questions correct; \(PointsText.of(r.earned)) / \(PointsText.of(r.possible)) points\n"
        if !r.unknownQuestionIDs.isEmpty {
            out += "note: answers for unknown question ids were ignored: \(r.unknownQuestionIDs.joined(separator: ", "))\n"
        }
        return out
    }
}

extension CheckRendering {
    /// The details column of one question: its message, the likely mistake, and the expected
    /// value only where the result carries it (the problem allows showing the key).
    public static func details(_ q: QuestionResult) -> String {
        var details = q.message
        if let d = q.diagnosis { details += "; likely: \(d)" }
        if let x = q.expected, !q.verdict.passed { details += "; expected \(x.text)" }
        return details
    }

    /// A score as the check table writes it ("1.5", "2").
    public static func points(_ value: Double) -> String { PointsText.of(value) }
}
