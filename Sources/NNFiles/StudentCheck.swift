import NNCore
import NNGrade
import NNReport
import NNProblem
import NNYAML

/// The student-mode self-check of one answer file, shared by `nncheck check` and `nncheck serve`.
///
/// Both front ends grade through this one type and render through `render(_:format:)`, so the
/// HTTP API's JSON is byte for byte what `nncheck check --format json` prints. Results are for
/// students: expected values and error sizes appear only where the problem file sets `show_key`.
public struct StudentCheck: Sendable {
    /// How a result is written.
    public enum Format: Sendable, Hashable {
        /// The compact terminal table, coloured or plain.
        case table(color: Bool)
        /// The Markdown report.
        case markdown
        /// The JSON report.
        case json
    }

    /// How a check ended; `nncheck check` turns it into its exit status.
    public enum Outcome: Sendable, Hashable {
        /// Every question is correct (exit 0).
        case allCorrect
        /// The file was graded and some answer is not correct (exit 1).
        case notAllCorrect
        /// The file could not be graded (exit 65); the reason is in the result.
        case ungradable
    }

    /// The problem checked against.
    public var problem: Problem { batch.grader.problem }
    /// The problem's questions, read by their kinds (for a form: ids, texts, points, answer hints).
    public var gradable: GradableProblem { batch.grader.gradable }
    private let batch: BatchGrader

    /// Prepares a check (solving the problem once). `toleranceOverride` exists for the local
    /// command line only, where the student holds the problem file anyway; the server never sets it.
    public init(gradable: GradableProblem, toleranceOverride: Tolerance? = nil, limits: YAMLLimits = .answerFile,
                secret: VariantSecret? = nil) {
        var batch = BatchGrader(grader: Grader(gradable: gradable, audience: .student, toleranceOverride: toleranceOverride,
                                               secret: secret))
        batch.limits = limits
        self.batch = batch
    }

    /// The answer-file limits applied to every file checked.
    public var limits: YAMLLimits { batch.limits }

    /// Checks the answer file at `path` (named `displayName` in the result and in messages).
    public func check(path: String, displayName: String) -> SubmissionResult {
        batch.gradeFile(path: path, displayName: displayName)
    }

    /// Checks an answer file held in memory; `displayName`'s extension says how it is read.
    public func check(bytes: [UInt8], displayName: String) -> SubmissionResult {
        batch.gradeBytes(bytes, displayName: displayName)
    }

    /// The text `nncheck check --format …` prints for a result.
    public func render(_ result: SubmissionResult, format: Format) -> String {
        switch format {
        case .table(let color): CheckRendering.table(result, problem: problem, color: color)
        case .markdown: SubmissionReport.markdown(result, problem: problem)
        case .json: SubmissionReport.json(result)
        }
    }

    /// How the check of `result` ended.
    public static func outcome(_ result: SubmissionResult) -> Outcome {
        if !result.isGradable { return .ungradable }
        return result.allPassed ? .allCorrect : .notAllCorrect
    }
}
