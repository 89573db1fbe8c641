import NNYAML

/// The result of `KeyVerifier.verify(paths:requireKeys:)`: every problem file checked, with its
/// findings, and the process exit status the result calls for.
public struct VerificationReport: Sendable, Equatable {
    /// Whether a question without an `answer:` key is a failure rather than a note.
    public var requireKeys: Bool
    /// Paths given on the command line that could not be opened, in the order given.
    public var unreadablePaths: [PathIssue]
    /// The problem files checked, in the order they were found.
    public var files: [FileResult]

    /// Creates a report.
    public init(requireKeys: Bool = false, unreadablePaths: [PathIssue] = [], files: [FileResult] = []) {
        self.requireKeys = requireKeys
        self.unreadablePaths = unreadablePaths
        self.files = files
    }

    /// How serious a finding is.
    public enum Severity: String, Sendable, Equatable {
        /// Makes the verification fail.
        case error
        /// Information only (a question without a key when keys are not required).
        case note
    }

    /// One problem found in a file, at a position when one is known.
    public struct Finding: Sendable, Equatable, CustomStringConvertible {
        /// Whether the finding fails the verification.
        public var severity: Severity
        /// The file, as given or found.
        public var file: String
        /// The 1-based line, if known.
        public var line: Int?
        /// The 1-based column, if known.
        public var column: Int?
        /// The explanation without the position prefix, e.g. `question 1.4: key says …`.
        public var message: String

        /// Creates a finding.
        public init(severity: Severity, file: String, line: Int? = nil, column: Int? = nil, message: String) {
            self.severity = severity
            self.file = file
            self.line = line
            self.column = column
            self.message = message
        }

        /// Creates a finding at a source location.
        public init(severity: Severity, at location: SourceLocation, _ message: String) {
            self.init(severity: severity, file: location.file, line: location.line, column: location.column,
                      message: message)
        }

        /// One line: `file:line:column: message` (control characters escaped as in `InputError`).
        public var description: String {
            InputError(file: file, line: line, column: column, message: message).description
        }
    }

    /// A path that names neither a readable file nor a readable folder.
    public struct PathIssue: Sendable, Equatable, CustomStringConvertible {
        /// The path as given.
        public var path: String
        /// Why it cannot be used, e.g. `no such file or directory`.
        public var reason: String

        /// Creates a path issue.
        public init(path: String, reason: String) {
            self.path = path
            self.reason = reason
        }

        /// `path: reason`.
        public var description: String { "\(path): \(reason)" }
    }

    /// The outcome of checking one question of a valid file.
    public struct QuestionResult: Sendable, Equatable {
        /// The question id.
        public var id: String
        /// Where the question starts.
        public var location: SourceLocation
        /// Whether the file has a key for it that was compared with the solver.
        public var keyed: Bool
        /// Everything wrong with the question (empty when the key agrees with the solver).
        public var findings: [Finding]

        /// Creates a question result.
        public init(id: String, location: SourceLocation, keyed: Bool, findings: [Finding] = []) {
            self.id = id
            self.location = location
            self.keyed = keyed
            self.findings = findings
        }

        /// Whether any finding is an error.
        public var failed: Bool { findings.contains { $0.severity == .error } }
    }

    /// The outcome of checking one problem file.
    public struct FileResult: Sendable, Equatable {
        /// The path as given or found.
        public var path: String
        /// The problem id, when the file could be loaded.
        public var problemID: String?
        /// Why the file is invalid, or `nil` when it loaded.
        public var invalid: InputError?
        /// One result per question, in file order (empty for an invalid file).
        public var questions: [QuestionResult]

        /// Creates a file result.
        public init(path: String, problemID: String? = nil, invalid: InputError? = nil, questions: [QuestionResult] = []) {
            self.path = path
            self.problemID = problemID
            self.invalid = invalid
            self.questions = questions
        }

        /// The file's findings in order: the load error, or every question's findings.
        public var findings: [Finding] {
            if let invalid {
                return [Finding(severity: .error, file: invalid.file, line: invalid.line, column: invalid.column,
                                message: invalid.message)]
            }
            return questions.flatMap(\.findings)
        }
    }

    /// Every finding in order: unreadable paths first, then file by file.
    public var findings: [Finding] {
        unreadablePaths.map { Finding(severity: .error, file: $0.path, message: $0.reason) } + files.flatMap(\.findings)
    }

    /// Questions whose key was compared with the solver.
    public var verifiedCount: Int { files.reduce(0) { $0 + $1.questions.filter(\.keyed).count } }
    /// Questions that failed: a key that disagrees, a question the solver cannot answer, a defect,
    /// or (with `requireKeys`) a missing key.
    public var failureCount: Int { files.reduce(0) { $0 + $1.questions.filter(\.failed).count } }
    /// Files that could not be loaded.
    public var invalidFileCount: Int { files.filter { $0.invalid != nil }.count }
    /// Questions without a key.
    public var unkeyedCount: Int { files.reduce(0) { $0 + $1.questions.filter { !$0.keyed }.count } }

    /// 66 when a path cannot be opened, else 65 when a file is invalid, else 1 when a question
    /// failed, else 0.
    public var exitStatus: Int32 {
        if !unreadablePaths.isEmpty { return 66 }
        if invalidFileCount > 0 { return 65 }
        if failureCount > 0 { return 1 }
        return 0
    }

    /// "verified N questions in M files: K mismatches, I invalid files" (", U unkeyed" appended
    /// when some questions have no key).
    public var summary: String {
        func count(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }
        var text = "verified \(count(verifiedCount, "question", "questions")) in \(count(files.count, "file", "files")): "
            + "\(count(failureCount, "mismatch", "mismatches")), \(count(invalidFileCount, "invalid file", "invalid files"))"
        if unkeyedCount > 0 { text += ", \(unkeyedCount) unkeyed" }
        return text
    }
}
