import NNOutput
import CSV
import Foundation
import NNCore
import NNProblem
import NNYAML

/// An instructor's review file (`grade --review REVIEW.csv`): points and comments for answers
/// graded by hand (manual questions), merged into every output.
///
/// A CSV file with a header row naming the columns `file` or `student` (or both), `question`,
/// `points` and optionally `comment`; other columns (the `answer` and `max_points` that
/// `nncheck review-template` writes) are ignored. A row with an empty `points` cell is not
/// reviewed yet and changes nothing. A row that names an unknown question, a student or file
/// that is not in the batch (or could not be graded), points that are not a number, negative, or
/// above the question's maximum, or the same answer twice, is an error at `file:line`.
public struct ReviewFile: Sendable {
    /// One reviewed answer.
    public struct Row: Sendable, Hashable {
        /// The submission file it names, if the `file` cell is filled.
        public var file: String?
        /// The student it names, if the `student` cell is filled.
        public var student: String?
        /// The question id.
        public var question: String
        /// The points awarded.
        public var points: Double
        /// The reviewer's comment, if any.
        public var comment: String?
        /// Where the row is in the review file (errors name its file and line).
        public var location: SourceLocation
    }

    /// The largest review file read, in bytes.
    public static let maximumBytes = 64 << 20

    /// The reviewed rows, in file order.
    public let rows: [Row]

    /// Reads a review file for `problem`.
    public static func load(path: String, problem: Problem) throws(InputError) -> ReviewFile {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size <= maximumBytes else {
            throw InputError(file: path, message: "the review file is \(size) bytes; at most \(maximumBytes) are read")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: path, message: "cannot read the review file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputError(file: path, message: "the review file is not UTF-8 text")
        }
        return try ReviewFile(text: text, file: path, problem: problem)
    }

    /// Reads review rows from CSV text.
    public init(text: String, file: String, problem: Problem) throws(InputError) {
        // A leading byte-order mark (spreadsheets write one) is not part of the first column's name.
        let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        let reader: CSVReader
        do { reader = try CSVReader(string: body, hasHeaderRow: true) } catch {
            throw InputError(file: file, line: 1, message: "cannot read the header row: \(error)")
        }
        guard let header = reader.headerRow?.map({ $0.trimmingWhitespace() }) else {
            throw InputError(file: file, line: 1, message: "the review file has no header row")
        }
        func column(_ name: String) -> Int? { header.firstIndex(of: name) }
        guard let questionColumn = column("question"), let pointsColumn = column("points") else {
            throw InputError(file: file, line: 1, message: "the header must name the columns question and points (and file or student); it names: \(header.joined(separator: ", "))")
        }
        let fileColumn = column("file"), studentColumn = column("student"), commentColumn = column("comment")
        guard fileColumn != nil || studentColumn != nil else {
            throw InputError(file: file, line: 1, message: "the header must name a file or student column")
        }
        // Rows may contain quoted line breaks, so each row's line is counted from the ones before.
        var line = 1 + Self.lineBreaks(in: reader.headerRow ?? [])
        var rows: [Row] = []
        var seen: [String: Int] = [:]
        while let fields = reader.next() {
            line += 1
            let rowLine = line
            line += Self.lineBreaks(in: fields)
            let at = SourceLocation(file: file, line: rowLine, column: 1)
            func cell(_ index: Int?) -> String {
                guard let index, index < fields.count else { return "" }
                return Self.unneutralised(fields[index].trimmingWhitespace())
            }
            if fields.allSatisfy({ $0.trimmingWhitespace().isEmpty }) { continue }
            let pointsText = cell(pointsColumn)
            guard !pointsText.isEmpty else { continue }   // not reviewed yet
            let question = cell(questionColumn)
            guard let declaration = problem.declaration(question) else {
                throw InputError(file: file, line: rowLine, message: "question '\(YAMLValues.clip(question))' is not in problem \(problem.id)")
            }
            guard let points = Double(pointsText), points.isFinite else {
                throw InputError(file: file, line: rowLine, message: "points '\(YAMLValues.clip(pointsText))' is not a number")
            }
            guard points >= 0 else { throw InputError(file: file, line: rowLine, message: "points must not be negative, got \(pointsText)") }
            guard points <= declaration.points else {
                throw InputError(file: file, line: rowLine, message: "\(pointsText) points is above question \(question)'s maximum of \(PointsText.of(declaration.points))")
            }
            let fileName = cell(fileColumn), student = cell(studentColumn)
            guard !fileName.isEmpty || !student.isEmpty else {
                throw InputError(file: file, line: rowLine, message: "the row names neither a file nor a student")
            }
            let who = fileName.isEmpty ? "student \(student)" : "file \(fileName)"
            if let first = seen[who + "\u{0}" + question] {
                throw InputError(file: file, line: rowLine, message: "\(who), question \(question) is reviewed twice (first at line \(first))")
            }
            seen[who + "\u{0}" + question] = rowLine
            let comment = cell(commentColumn)
            rows.append(Row(file: fileName.isEmpty ? nil : fileName, student: student.isEmpty ? nil : student,
                            question: question, points: points, comment: comment.isEmpty ? nil : comment, location: at))
        }
        if let error = reader.error {
            throw InputError(file: file, line: line, message: "cannot read the review file: \(error)")
        }
        self.rows = rows
    }

    /// The review of `question` in the submission `file` of `student`, if any: a row naming the
    /// file, else one naming the student without a file.
    public func review(file: String, student: String, question: String) -> Row? {
        rows.first { $0.question == question && $0.file == file }
            ?? rows.first { $0.question == question && $0.file == nil && $0.student == student }
    }

    /// Checks that every row names a submission of the batch that could be graded.
    /// `submissions` lists each file with its student id (nil when the file could not be graded).
    public func check(submissions: [(file: String, student: String?)]) throws(InputError) {
        let files = Dictionary(submissions.map { ($0.file, $0.student) }, uniquingKeysWith: { a, _ in a })
        var students: [String: Int] = [:]
        for s in submissions { if let id = s.student { students[id, default: 0] += 1 } }
        for row in rows {
            if let file = row.file {
                guard let student = files[file] else {
                    throw InputError(file: row.location.file, line: row.location.line, message: "file '\(YAMLValues.clip(file))' is not in the submissions folder")
                }
                guard student != nil else {
                    throw InputError(file: row.location.file, line: row.location.line, message: "file '\(YAMLValues.clip(file))' could not be graded, so it cannot be reviewed")
                }
            } else if let student = row.student {
                switch students[student, default: 0] {
                case 0: throw InputError(file: row.location.file, line: row.location.line, message: "student '\(YAMLValues.clip(student))' has no gradable submission in the folder")
                case 1: break
                default: throw InputError(file: row.location.file, line: row.location.line, message: "student '\(YAMLValues.clip(student))' has several submissions; name the file instead")
                }
            }
        }
    }

    /// The number of line breaks inside the fields of one row.
    static func lineBreaks(in fields: [String]) -> Int {
        fields.reduce(0) { $0 + $1.utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } }
    }

    /// A field without the apostrophe the gradebook writers put before a leading `=`, `+`, `-` or `@`.
    static func unneutralised(_ field: String) -> String {
        guard field.hasPrefix("'"), let second = field.dropFirst().first, "=+-@".contains(second) else { return field }
        return String(field.dropFirst())
    }
}

extension QuestionResult {
    /// This result with an instructor's review applied: the reviewed points, the verdict they
    /// make, and the comment.
    mutating func apply(_ review: ReviewFile.Row) {
        earned = min(review.points, possible)
        verdict = Verdict(fraction: possible > 0 ? earned / possible : 0)
        message = "reviewed: \(PointsText.of(earned)) / \(PointsText.of(possible)) points"
        comment = review.comment
    }
}
