import NNCore
import NNProblem
import NNGrade
import NNOutput

/// The plain-text feedback platform results show students: one summary for the submission and
/// one block per question, shared by the Gradescope and PrairieLearn writers so both say the
/// same thing. The key appears only where `QuestionResult.expected` is set, which the grader
/// does only when the question may show it (or for instructor copies).
enum PlatformFeedback {
    /// One paragraph about the whole submission.
    static func summary(_ r: SubmissionResult, problem: Problem) -> String {
        if let reason = r.ungradableReason {
            return "This answer file could not be graded: \(reason). "
                + "Fix the file (`nncheck check PROBLEM FILE` shows the same message) and submit it again."
        }
        let correct = r.questions.filter { $0.verdict == .correct }.count
        var line = "\(r.student): \(PointsText.of(r.earned)) / \(PointsText.of(r.possible)) points on \(problem.title); "
            + "\(correct) of \(r.questions.count) question\(r.questions.count == 1 ? "" : "s") correct."
        if !r.unknownQuestionIDs.isEmpty {
            line += " Answers for questions this problem does not have were ignored: "
                + r.unknownQuestionIDs.joined(separator: ", ") + "."
        }
        return line
    }

    /// A short label for a question: its id and what it asks (the question text when there is one).
    static func name(_ question: QuestionDeclaration) -> String {
        let what = oneLine(question.summary)
        return what.isEmpty ? question.id : "\(question.id): \(clip(what, 120))"
    }

    /// A short label for a question id; the id alone when the problem lacks it.
    static func name(questionID id: String, problem: Problem) -> String {
        problem.declaration(id).map(name) ?? id
    }

    /// What a question asks, on one line.
    static func description(_ question: QuestionDeclaration) -> String {
        oneLine(question.summary)
    }

    /// The one-line verdict of a question: the grader's message and the likely mistake, if any.
    static func message(_ q: QuestionResult) -> String {
        var text = "\(q.verdict.rawValue.replacingAll("_", with: " ")): \(q.message)"
        if let d = q.diagnosis { text += "; likely mistake: \(d)" }
        return text
    }

    /// The detailed feedback of a question, several lines.
    static func details(_ q: QuestionResult) -> String {
        var lines = [message(q)]
        lines.append("Your answer: " + (q.given.trimmingWhitespace().isEmpty ? "(none)" : clip(q.given, 400)))
        if let x = q.expected { lines.append("Expected: " + x.text) }
        if let e = q.error {
            lines.append("Largest error: \(NumberFormatting.significant(e.error, digits: 3))"
                         + " (allowed \(NumberFormatting.significant(e.allowed, digits: 3)))")
        }
        if let t = q.tolerance { lines.append("Tolerance: \(t)") }
        if let c = q.comment { lines.append("Comment: \(c)") }
        lines.append("Points: \(PointsText.of(q.earned)) / \(PointsText.of(q.possible))")
        return lines.joined(separator: "\n")
    }

    /// The feedback for a question of a file that could not be graded.
    static func ungradableDetails(_ question: QuestionDeclaration) -> String {
        "not graded: the answer file could not be read (see the message above)\nPoints: 0 / \(PointsText.of(question.points))"
    }

    /// Line breaks and tabs folded into spaces.
    static func oneLine(_ s: String) -> String {
        String(s.map { $0 == "\n" || $0 == "\r" || $0 == "\r\n" || $0 == "\t" ? " " : $0 }).trimmingWhitespace()
    }

    /// At most `limit` characters, with an ellipsis when cut.
    static func clip(_ s: String, _ limit: Int) -> String {
        s.count > limit ? String(s.prefix(limit - 1)) + "…" : s
    }
}
