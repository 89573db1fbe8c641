import Foundation
import NNGrade
import NNProblem
import TestSupport
import Testing
import NNReport
import NNFiles

/// A hostile answer file and the message it must be rejected with.
struct RejectedAnswerFile: Sendable, CustomTestStringConvertible {
    var name: String
    var bytes: @Sendable () -> [UInt8]
    /// A fragment of the ungradable reason.
    var message: String
    var testDescription: String { name }

    static let all: [RejectedAnswerFile] = [
        .init(name: "billion laughs, 8 levels", bytes: { Array(HostileText.billionLaughs(levels: 8).utf8) },
              message: "a.yaml:1:5: aliases are not allowed in answer files (found anchor &a0)"),
        .init(name: "billion laughs, 9 levels", bytes: { Array(HostileText.billionLaughs(levels: 9).utf8) },
              message: "a.yaml:1:5: aliases are not allowed in answer files (found anchor &a0)"),
        .init(name: "10,000 [", bytes: { Array(HostileText.deepBrackets(10_000).utf8) },
              message: "nesting is too deep: more than 16 levels of lists and mappings (the limit for answer files)"),
        .init(name: "10,000 [ under answers", bytes: {
                  Array(("student: s1\nanswers:\n  \"1.1\": " + HostileText.deepBrackets(10_000) + "\n").utf8)
              }, message: "nesting is too deep"),
        .init(name: "2 MB", bytes: {
                  let line = Array("# padding padding padding padding padding padding padding padding\n".utf8)
                  var bytes = Array("student: s1\nanswers: {}\n".utf8)
                  while bytes.count < 2 << 20 { bytes += line }
                  return bytes
              }, message: "larger than the 1 MB limit for answer files"),
        .init(name: "Latin-1 text", bytes: { Array("student: s1\nanswers:\n  \"1.1\": 0.627 # r".utf8) + [0xE9, 0x0A] },
              message: "a.yaml:3:19: the file is not valid UTF-8 text (unexpected byte 0xE9 here); save it as UTF-8"),
        .init(name: "UTF-16", bytes: { [0xFF, 0xFE] + Array("student: s1\n".utf8).flatMap { [$0, 0] } },
              message: "the file is UTF-16 encoded; save it as UTF-8"),
        .init(name: "binary garbage with NULs", bytes: {
                  var generator = SeededGenerator(seed: 7)
                  var bytes = (0..<65_536).map { _ in UInt8.random(in: 0...255, using: &generator) }
                  bytes[100] = 0
                  return bytes
              }, message: "a.yaml:1:"),
        .init(name: "NUL after valid YAML", bytes: { Array("student: s1\nanswers: {}\n".utf8) + [0, 0, 0] },
              message: "a.yaml:3:1: the file contains a NUL byte; it looks like a binary file (or UTF-16 text), not UTF-8 YAML text"),
        .init(name: "empty file", bytes: { [] }, message: "a.yaml: empty document: the file contains no YAML content"),
        .init(name: "only comments", bytes: { Array("# nothing here\n\n".utf8) },
              message: "a.yaml: empty document: the file contains no YAML content"),
        .init(name: "two documents", bytes: {
                  Array("---\nstudent: s1\nanswers: {\"1.1\": 0.627}\n---\nstudent: s2\nanswers: {}\n".utf8)
              }, message: "a.yaml:4:1: the file contains more than one YAML document"),
        .init(name: "duplicate student key", bytes: { Array("student: s1\nstudent: s2\nanswers: {}\n".utf8) },
              message: "a.yaml:2:1: duplicate key 'student': it is already defined on line 1"),
        .init(name: "duplicate answer id", bytes: {
                  Array("student: s1\nanswers:\n  \"1.1\": 0.627\n  '1.1': 0.7\n".utf8)
              }, message: "a.yaml:4:3: duplicate key '1.1': it is already defined on line 3"),
        .init(name: "answer ids equal after trimming", bytes: {
                  Array("student: s1\nanswers:\n  \"1.1\": 0.627\n  \" 1.1 \": 0.5\n".utf8)
              }, message: "a.yaml:4:3: duplicate key '1.1': another key of 'answers' differs from it only in spaces"),
        .init(name: "!!python/object tag", bytes: {
                  Array("student: s1\nanswers:\n  \"1.1\": !!python/object:numpy.ndarray {shape: [1]}\n".utf8)
              }, message: "a.yaml:3:10: YAML tags are not supported (found '!!python/object:numpy.ndarray')"),
        .init(name: "!!python/object/apply at the root", bytes: {
                  Array("!!python/object/apply:os.system [\"rm -rf /\"]\n".utf8)
              }, message: "YAML tags are not supported"),
        .init(name: "a 1000×1000 matrix (over the 1 MB cap)", bytes: {
                  let row = "[" + Array(repeating: "0.5", count: 1000).joined(separator: ",") + "]"
                  let matrix = "[" + Array(repeating: row, count: 1000).joined(separator: ",\n  ") + "]"
                  return Array(("student: s1\nanswers:\n  \"1.1-z1\": " + matrix + "\n").utf8)
              }, message: "a.yaml: file is 3.8 MB, larger than the 1 MB limit for answer files"),
        .init(name: "a list at the root", bytes: { Array("- 1\n- 2\n".utf8) },
              message: "a.yaml:1:1: an answer file must be a mapping (key: value entries), but found a list"),
        .init(name: "answers is a number", bytes: { Array("student: s1\nanswers: 0.627\n".utf8) },
              message: "a.yaml:2:10: answers must be a mapping (key: value entries), but found the value '0.627'"),
        .init(name: "student is a mapping", bytes: { Array("student: {id: s1}\nanswers: {}\n".utf8) },
              message: "a.yaml:1:10: student must be a single value, but found a mapping"),
        .init(name: "student with NUL", bytes: { Array("student: \"s1\\0\"\nanswers: {}\n".utf8) },
              message: "a.yaml:1:10: 'student' must be one line of at most 200 characters without control characters"),
        .init(name: "10,000-character student", bytes: {
                  Array(("student: " + String(repeating: "x", count: 10_000) + "\nanswers: {}\n").utf8)
              }, message: "a.yaml:1:10: 'student' must be one line of at most 200 characters without control characters"),
        .init(name: "unknown top-level key", bytes: { Array("student: s1\n__proto__: 1\nanswers: {}\n".utf8) },
              message: "a.yaml:2:1: unknown key '__proto__' in the answer file"),
        .init(name: "unclosed flow list", bytes: { Array("student: s1\nanswers:\n  \"1.1\": [0.4, 1.2\n".utf8) },
              message: "YAML syntax error"),
        .init(name: "a 300-character line of control characters", bytes: {
                  Array("student: s1\nanswers: {}\n".utf8) + Array(repeating: 0x07, count: 300)
              }, message: "a.yaml:3:1: the file contains the control character U+0007"),
    ]
}

/// A hostile answer that fails only its own question, with the verdict and message it must get.
struct RejectedAnswer: Sendable, CustomTestStringConvertible {
    var name: String
    var question: String
    var yaml: String
    var verdict: Verdict
    /// A fragment of the question's message.
    var message: String
    var testDescription: String { name }

    static let all: [RejectedAnswer] = [
        .init(name: "ragged matrix", question: "1.1-z1", yaml: "[[0.4, 1.2], [-0.1]]", verdict: .unparseable,
              message: "row 2 has 1 entries, row 1 has 2"),
        .init(name: "ragged matrix in one string", question: "1.1-z1", yaml: "\"[[0.4, 1.2], [-0.1]]\"",
              verdict: .unparseable, message: "row 2 has 1 entry, row 1 has 2"),
        .init(name: "ragged LaTeX matrix", question: "1.1-z1",
              yaml: #"'\begin{bmatrix} 0.4 & 1.2 \\ -0.1 \end{bmatrix}'"#, verdict: .unparseable,
              message: "row 2 has 1 entry, row 1 has 2"),
        .init(name: "vector for a scalar", question: "1.1", yaml: "[0.627, 0.5]", verdict: .wrongShape,
              message: "shape"),
        .init(name: "scalar for a vector", question: "1.1-z1", yaml: "0.4", verdict: .wrongShape, message: "shape"),
        .init(name: "matrix for a vector", question: "1.1-z1", yaml: "[[0.4, 1.2], [0.1, 0.2]]", verdict: .wrongShape,
              message: "shape"),
        .init(name: "3-deep list", question: "1.1-z1", yaml: "[[[0.4]]]", verdict: .unparseable,
              message: "row 1, column 1 is a list, expected a number"),
        .init(name: "mapping for a number", question: "1.1", yaml: "{value: 0.627}", verdict: .unparseable,
              message: "an answer must be a number, a list or a matrix, not a mapping"),
        .init(name: "mapping inside a list", question: "1.1-z1", yaml: "[0.4, {a: 1}, 0.1]", verdict: .unparseable,
              message: "entry 2 is a mapping, expected a number"),
        .init(name: "empty list", question: "1.1-z1", yaml: "[]", verdict: .unparseable, message: "empty answer"),
        .init(name: "10,000 [ in a string", question: "1.1", yaml: "\"" + HostileText.deepBrackets(10_000) + "\"",
              verdict: .unparseable, message: "nested lists deeper than 2 are not supported"),
        .init(name: "5,000 ( in a string", question: "1.1", yaml: "\"" + String(repeating: "(", count: 5_000) + "1\"",
              verdict: .unparseable, message: "nested too deeply"),
        .init(name: "10,000 nested \\frac", question: "1.1",
              yaml: "'" + String(repeating: #"\frac{1}{"#, count: 10_000) + "2" + String(repeating: "}", count: 10_000) + "'",
              verdict: .unparseable, message: "nested too deeply"),
        .init(name: "text", question: "1.1", yaml: "about a half", verdict: .unparseable, message: "cannot read the answer"),
        .init(name: "boolean-looking", question: "1.1", yaml: "yes", verdict: .unparseable, message: "cannot read the answer"),
        .init(name: "hexadecimal", question: "1.1", yaml: "0x10", verdict: .unparseable, message: "cannot read the answer"),
    ]
}

extension HostileInput {
    /// Hostile answer files, graded one by one with `BatchGrader.gradeFile` against ece4179-mlp.
    @Suite struct AnswerFiles {
        @Test(arguments: RejectedAnswerFile.all)
        func fileIsUngradable(_ hostile: RejectedAnswerFile) throws {
            let folder = try TemporaryFolder("answer")
            let path = try folder.write("a.yaml", hostile.bytes())
            let batch = BatchGrader(grader: try Hostile.mlpGrader())
            let result = Hostile.timed(hostile.name) { batch.gradeFile(path: path, displayName: "a.yaml") }
            #expect(!result.isGradable)
            #expect(result.questions.isEmpty)
            #expect(result.earned == 0)
            let reason = result.ungradableReason ?? ""
            #expect(reason.contains(hostile.message), "reason: \(reason)")
            #expect(!reason.contains("\n"))
            #expect(reason.count < 400, "an overlong reason: \(reason.count) characters")
        }

        @Test(arguments: RejectedAnswer.all)
        func answerFailsOnlyItsQuestion(_ hostile: RejectedAnswer) throws {
            let text = HostileText.answerFile([(hostile.question, hostile.yaml), ("1.5", "0.1")])
            let folder = try TemporaryFolder("answer")
            let path = try folder.write("a.yaml", text)
            let batch = BatchGrader(grader: try Hostile.mlpGrader())
            let result = Hostile.timed(hostile.name) { batch.gradeFile(path: path, displayName: "a.yaml") }
            #expect(result.isGradable, "ungradable: \(result.ungradableReason ?? "")")
            let question = result.questions.first { $0.id == hostile.question }
            #expect(question?.verdict == hostile.verdict, "message: \(question?.message ?? "none")")
            #expect(question?.earned == 0)
            #expect(question?.message.contains(hostile.message) == true, "message: \(question?.message ?? "none")")
            // The other answer is still graded.
            #expect(result.questions.first { $0.id == "1.5" }?.verdict == .correct)
        }

        /// The 1000×1000 matrix is rejected by the size cap before it is parsed. The parser alone
        /// refuses its text (over 10⁶ characters) at once and reads a 700×700 matrix quickly.
        @Test func millionEntryMatrixTextIsRefusedQuickly() throws {
            let row = "[" + Array(repeating: "0.5", count: 1000).joined(separator: ",") + "]"
            let text = "[" + Array(repeating: row, count: 1000).joined(separator: ",") + "]"
            let error = Hostile.timed("parse 1000×1000") { () -> AnswerValueParser.ParseError? in
                do throws(AnswerValueParser.ParseError) { _ = try AnswerValueParser.parse(text); return nil } catch {
                    return error
                }
            }
            #expect(error?.message == "answer is longer than 1000000 characters")
            let smallRow = "[" + Array(repeating: "1", count: 700).joined(separator: ",") + "]"
            let smaller = "[" + Array(repeating: smallRow, count: 700).joined(separator: ",") + "]"
            let tensor = try Hostile.timed("parse 700×700") { try AnswerValueParser.parse(smaller) }
            #expect(tensor.shape == [700, 700])
        }

        /// A 300×300 matrix (90,000 entries, under the cap) for a 3-vector question is graded as a
        /// wrong shape within the time bound.
        @Test func largeMatrixUnderTheCapIsGradedQuickly() throws {
            let row = "[" + Array(repeating: "0.5", count: 300).joined(separator: ", ") + "]"
            let matrix = "[" + Array(repeating: row, count: 300).joined(separator: ", ") + "]"
            let folder = try TemporaryFolder("answer")
            let path = try folder.write("a.yaml", HostileText.answerFile([("1.1-z1", matrix), ("1.1", "'\(matrix)'")]))
            let batch = BatchGrader(grader: try Hostile.mlpGrader(audience: .instructor))
            let result = Hostile.timed("300×300") { batch.gradeFile(path: path, displayName: "a.yaml") }
            #expect(result.questions.first { $0.id == "1.1-z1" }?.verdict == .wrongShape)
            #expect(result.questions.first { $0.id == "1.1" }?.verdict == .wrongShape)
            let markdown = SubmissionReport.markdown(result, problem: batch.grader.problem)
            #expect(markdown.utf8.count < 20_000, "the report quotes the whole matrix: \(markdown.utf8.count) bytes")
        }
    }
}
