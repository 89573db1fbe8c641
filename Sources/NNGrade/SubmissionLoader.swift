import NNCore
import NNProblem
import NNYAML
import NNOutput

/// Reads student answer files (YAML or JSON).
///
/// Format: a mapping with `student` (required), `problem` (optional; checked when present) and
/// `answers`, a mapping from question id to value. Values are read as text with nncheck's own
/// grammar (see `AnswerValueParser`): numbers, fractions, arithmetic, `[..]` lists, lists of rows,
/// and LaTeX matrices. YAML's number rules never decide what a student meant. A value that does
/// not parse fails only its own question; a file that is not a readable answer file fails as a
/// whole with one located error.
public enum SubmissionLoader {
    static let allowedKeys = ["student", "problem", "answers", "name", "email", "comment"]

    /// Reads an answer file from disk under the answer-file limits.
    public static func load(path: String, displayName: String, limits: YAMLLimits = .answerFile) throws(InputError) -> Submission {
        let root = try YAMLReader.read(contentsOf: path, displayName: displayName, limits: limits)
        return try submission(from: root, file: displayName)
    }

    /// Reads an answer file from bytes.
    public static func load(bytes: [UInt8], file: String, limits: YAMLLimits = .answerFile) throws(InputError) -> Submission {
        try submission(from: YAMLReader.read(bytes, file: file, limits: limits), file: file)
    }

    /// Builds a submission from a YAML tree.
    public static func submission(from root: YAMLNode, file: String) throws(InputError) -> Submission {
        let pairs = try root.mapping("an answer file")
        for p in pairs where !allowedKeys.contains(p.key.text) {
            throw InputError(at: p.key.location, "unknown key '\(clip(p.key.text))' in the answer file; expected student, problem and answers")
        }
        guard let studentNode = root["student"] else {
            throw InputError(at: root.location, "the answer file has no 'student' id")
        }
        let studentScalar = try studentNode.scalar("student")
        let student = studentScalar.text.trimmingWhitespace()
        guard !studentScalar.isNull, !student.isEmpty else { throw InputError(at: studentScalar.location, "'student' is empty") }
        guard student.count <= 200, !student.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            throw InputError(at: studentScalar.location, "'student' must be one line of at most 200 characters without control characters")
        }
        var problemID: String?
        if let pn = root["problem"] { problemID = try pn.scalar("problem").text.trimmingWhitespace() }
        guard let answersNode = root["answers"] else { throw InputError(at: root.location, "the answer file has no 'answers' mapping") }
        var answers: [String: AnswerEntry] = [:]
        if case .scalar(let s) = answersNode, s.isNull {
            return Submission(file: file, student: student, problemID: problemID, answers: [:])
        }
        let answerPairs = try answersNode.mapping("answers")
        answers.reserveCapacity(answerPairs.count)
        for p in answerPairs {
            let id = p.key.text.trimmingWhitespace()
            // YAML already refuses equal keys; keys equal only after trimming would silently replace an answer.
            guard answers[id] == nil else {
                throw InputError(at: p.key.location, "duplicate key '\(clip(id))': another key of 'answers' differs from it only in spaces")
            }
            answers[id] = entry(p.value)
        }
        return Submission(file: file, student: student, problemID: problemID, answers: answers)
    }

    /// The value of an answer that is a plain decimal number or a NaN or infinity word, read
    /// without the answer grammar's parser (which accepts neither word); nil for anything else.
    static func wordOrPlainNumber(_ text: String) -> Double? {
        // Most answers are plain numbers, which are never NaN or infinity words.
        AnswerValueParser.plainValue(text) ?? nonFiniteWord(text)
    }

    /// NaN or an infinity written as a word (`nan`, `.nan`, `inf`, `-.inf`, `Infinity`, any case):
    /// kept as that value so that the answer is graded "not_finite" with a precise message,
    /// instead of "unparseable".
    static func nonFiniteWord(_ text: String) -> Double? {
        // Fast rejection: every accepted word contains an ASCII n or i (in either case) or ∞
        // (UTF-8 E2 88 9E), and no other character lowercases to them alone.
        guard UTF8Scan.anyByte(of: text, satisfies: { $0 | 0x20 == UInt8(ascii: "n") || $0 | 0x20 == UInt8(ascii: "i") || $0 == 0xE2 }) else {
            return nil
        }
        var t = Substring(text.trimmingWhitespace().lowercased())
        var sign = 1.0
        if let f = t.first, f == "-" || f == "+" {
            if f == "-" { sign = -1 }
            t = t.dropFirst()
        }
        if t.hasPrefix(".") { t = t.dropFirst() }
        switch t {
        case "nan": return .nan
        case "inf", "infinity", "∞": return sign * .infinity
        default: return nil
        }
    }

    /// Parses one answer value; failures are kept per question.
    static func entry(_ node: YAMLNode) -> AnswerEntry {
        switch node {
        case .scalar(let s):
            if s.isNull { return .blank }
            if let v = wordOrPlainNumber(s.text) { return .value(Tensor(v), text: s.text) }
            do { return .value(try AnswerValueParser.parse(s.text), text: s.text) } catch {
                return .unparseable(message: error.message, text: s.text, location: s.location)
            }
        case .sequence(let items, let loc):
            let text = render(node)
            do { return .value(try tensor(items), text: text) } catch {
                return .unparseable(message: error.message, text: text, location: error.location ?? loc)
            }
        case .mapping(_, let loc):
            return .unparseable(message: "an answer must be a number, a list or a matrix, not a mapping", text: "{…}", location: loc)
        }
    }

    struct ListError: Error { var message: String; var location: SourceLocation? }

    /// A YAML list of numbers (a vector) or of equally long lists (a matrix).
    static func tensor(_ items: [YAMLNode]) throws(ListError) -> Tensor {
        guard !items.isEmpty else { throw ListError(message: "empty answer", location: nil) }
        // `what` names the entry in messages; it is only built when an entry fails.
        func scalar(_ n: YAMLNode, _ what: @autoclosure () -> String) throws(ListError) -> Double {
            guard case .scalar(let s) = n else { throw ListError(message: "\(what()) is a \(n.kindName), expected a number", location: n.location) }
            guard !s.isNull else { throw ListError(message: "\(what()) is empty", location: s.location) }
            if let v = wordOrPlainNumber(s.text) { return v }
            do { return try AnswerValueParser.parseScalar(s.text) } catch {
                throw ListError(message: "\(what()): \(error.message)", location: s.location)
            }
        }
        if case .sequence(let firstRow, _) = items[0] {
            // Rows are read straight into one row-major array.
            let columns = firstRow.count
            var scalars: [Double] = []
            scalars.reserveCapacity(items.count * columns)
            for (r, item) in items.enumerated() {
                guard case .sequence(let cells, _) = item else {
                    throw ListError(message: "row \(r + 1) is a \(item.kindName), but row 1 is a list", location: item.location)
                }
                for (c, cell) in cells.enumerated() { scalars.append(try scalar(cell, "row \(r + 1), column \(c + 1)")) }
                if r > 0, cells.count != columns {
                    throw ListError(message: "row \(r + 1) has \(cells.count) entries, row 1 has \(columns)", location: item.location)
                }
                guard !cells.isEmpty else { throw ListError(message: "row \(r + 1) is empty", location: item.location) }
            }
            return Tensor(shape: [items.count, columns], scalars: scalars)
        }
        var values: [Double] = []
        values.reserveCapacity(items.count)
        for (i, item) in items.enumerated() { values.append(try scalar(item, "entry \(i + 1)")) }
        return Tensor(vector: values)
    }

    /// A compact text form of a YAML list, for reports.
    static func render(_ node: YAMLNode) -> String {
        if case .scalar(let s) = node { return s.text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(128)
        render(node, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the UTF-8 of `render(node)`: at most 50 items of a list, then ", …".
    private static func render(_ node: YAMLNode, into out: inout [UInt8]) {
        switch node {
        case .scalar(let s): UTF8Scan.append(s.text, to: &out)
        case .sequence(let items, _):
            out.append(UInt8(ascii: "["))
            for i in 0..<min(items.count, 50) {
                if i > 0 {
                    out.append(UInt8(ascii: ","))
                    out.append(UInt8(ascii: " "))
                }
                render(items[i], into: &out)
            }
            if items.count > 50 { out.append(contentsOf: ", …]".utf8) } else { out.append(UInt8(ascii: "]")) }
        case .mapping: out.append(contentsOf: "{…}".utf8)
        }
    }

    static func clip(_ s: String) -> String { s.count > 60 ? String(s.prefix(57)) + "..." : s }
}
