import Dispatch
import NNCore
import NNProblem

/// Grades answer files into the files course platforms read: a `results.json` per submission for
/// Gradescope or PrairieLearn, or one Canvas import CSV for a batch. All files are written
/// atomically through `OutputFolder`, and per-submission folders use the same safe names as the
/// reports (`<name>.md` and `<name>/results.json` belong to the same submission).
public struct PlatformExport: Sendable {
    /// A platform that takes one results file per submission.
    public enum Platform: String, Sendable, Hashable, CaseIterable {
        /// Gradescope's autograder `results.json`.
        case gradescope
        /// PrairieLearn's external-grader `results.json`.
        case prairielearn

        /// The results file text for one submission.
        public func resultsJSON(_ r: SubmissionResult, problem: Problem) -> String {
            switch self {
            case .gradescope: return GradescopeResults.json(r, problem: problem)
            case .prairielearn: return PrairieLearnResults.json(r, problem: problem)
            }
        }
    }

    /// The file name of a per-submission results file.
    public static let resultsFileName = "results.json"
    /// The file name of the Canvas import file.
    public static let canvasFileName = "canvas.csv"

    /// The batch grader that reads and grades the files.
    public let batch: BatchGrader

    /// Creates an exporter.
    public init(batch: BatchGrader) { self.batch = batch }

    /// Grades every file in `folder` and writes `<out>/<name>/results.json` per submission. Returns the results.
    public func gradeAndWrite(folder: String, out: String, platform: Platform,
                              progress: (@Sendable (Int, Int) -> Void)? = nil) throws(OutputError) -> [SubmissionResult]
    {
        let results = try batch.grade(folder: folder, progress: progress)
        let root = try OutputFolder(path: out)
        let names = BatchGrader.reportNames(for: results)
        let problem = batch.grader.problem
        let failures = ErrorBox()
        DispatchQueue.concurrentPerform(iterations: results.count) { i in
            do throws(OutputError) {
                let submissionFolder = try OutputFolder(path: root.path + "/" + names[i])
                try submissionFolder.write(platform.resultsJSON(results[i], problem: problem), to: Self.resultsFileName)
            } catch {
                failures.record(error)
            }
        }
        if let first = failures.first { throw first }
        return results
    }

    /// Grades every file in `folder` and writes the Canvas import file `<out>/canvas.csv`. Returns the results.
    public func gradeAndWriteCanvas(folder: String, out: String,
                                    progress: (@Sendable (Int, Int) -> Void)? = nil) throws(OutputError) -> [SubmissionResult]
    {
        let results = try batch.grade(folder: folder, progress: progress)
        try OutputFolder(path: out).write(CanvasGradebook.csv(results, problem: batch.grader.problem), to: Self.canvasFileName)
        return results
    }

    /// Grades one answer file; the result and its results file text. A file that cannot be read
    /// gives an ungradable result, never an error.
    public func grade(file path: String, platform: Platform) -> (result: SubmissionResult, text: String) {
        let result = batch.gradeFile(path: path, displayName: Self.lastComponent(path))
        return (result, platform.resultsJSON(result, problem: batch.grader.problem))
    }

    /// Grades one answer file and writes exactly one results file at `resultsPath` (atomically,
    /// creating its folder if needed). Returns the result.
    public func grade(file path: String, platform: Platform, resultsPath: String) throws(OutputError) -> SubmissionResult {
        let (result, text) = grade(file: path, platform: platform)
        try OutputFolder.write(text, toPath: resultsPath)
        return result
    }

    /// The part of a path after its last slash.
    static func lastComponent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }
}

extension PlatformExport {
    /// The plain-text feedback platform results show students: one summary for the submission and
    /// one block per question, shared by the Gradescope and PrairieLearn writers so both say the
    /// same thing. The key appears only where `QuestionResult.expected` is set, which the grader
    /// does only when the question may show it (or for instructor copies).
    enum Feedback {
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
            lines.append("Your answer: " + (q.given.trimmingCharacters().isEmpty ? "(none)" : clip(q.given, 400)))
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
            String(s.map { $0 == "\n" || $0 == "\r" || $0 == "\r\n" || $0 == "\t" ? " " : $0 }).trimmingCharacters()
        }

        /// At most `limit` characters, with an ellipsis when cut.
        static func clip(_ s: String, _ limit: Int) -> String {
            s.count > limit ? String(s.prefix(limit - 1)) + "…" : s
        }
    }
}
