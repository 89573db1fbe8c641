import NNCore
import NNYAML

/// A student's answer file, read and parsed but not yet graded.
public struct Submission: Sendable {
    /// The file name as shown in reports (relative to the submissions folder).
    public var file: String
    /// The student's id as written in the file.
    public var student: String
    /// The problem id the file names, if any.
    public var problemID: String?
    /// Each answered question id with its value read as a number, vector or matrix, or why it
    /// could not be (what numeric questions grade).
    public var answers: [String: AnswerEntry]
    /// Each answered question id with its value as written (what other kinds read).
    public var nodes: [String: YAMLNode]

    /// Creates a submission.
    public init(file: String, student: String, problemID: String? = nil, answers: [String: AnswerEntry],
                nodes: [String: YAMLNode] = [:]) {
        self.file = file
        self.student = student
        self.problemID = problemID
        self.answers = answers
        self.nodes = nodes
    }
}

/// One answer as the student wrote it.
public enum AnswerEntry: Sendable, Hashable {
    /// A value that parsed; `text` is the answer as written (for reports).
    case value(Tensor, text: String)
    /// A value that did not parse, with the reason and where in the file.
    case unparseable(message: String, text: String, location: SourceLocation)
    /// An explicit empty answer (`"1.1":` or `null`).
    case blank

    /// The answer as written.
    public var text: String {
        switch self {
        case .value(_, let t), .unparseable(_, let t, _): return t
        case .blank: return ""
        }
    }
}
