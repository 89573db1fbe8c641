import Foundation
import MultipartKit
import NIOCore
import NNFiles
import NNGrade
import NNOutput
import NNProblem
import NNReport

/// What the answer form of `GET /p/<id>` sends: an optional student id, one text per question
/// (fields `answer-1` … `answer-N`, in problem order) and an optional uploaded answer file
/// (`answers_file`), which, when non-empty, is checked instead of the text fields.
struct FormInput: Sendable, Equatable {
    /// The student id typed in, if any.
    var student: String = ""
    /// The text typed for each question, by question index (0-based), non-empty only.
    var answers: [Int: String] = [:]
    /// The uploaded file's name (the browser's, for messages only; never a path on the server) and bytes.
    var file: (name: String, bytes: [UInt8])?

    static func == (a: FormInput, b: FormInput) -> Bool {
        a.student == b.student && a.answers == b.answers && a.file?.name == b.file?.name && a.file?.bytes == b.file?.bytes
    }

    /// The most parts a form may have (fields are one per question; problems have far fewer).
    static let maxParts = 1_000

    /// Reads a form body sent as `application/x-www-form-urlencoded` or `multipart/form-data`,
    /// for a problem of `questionCount` questions. Unknown fields are refused: nothing but answers
    /// and a student id can be sent (no tolerance, no `show_key`, no path).
    static func parse(contentType: String?, body: [UInt8], questionCount: Int) throws(RequestError) -> FormInput {
        let type = (contentType ?? "").split(separator: ";", maxSplits: 1).first.map { String($0).trimmed.lowercased() } ?? ""
        var input = FormInput()
        switch type {
        case "application/x-www-form-urlencoded":
            for (name, value) in try urlEncodedPairs(body) {
                try input.add(name: name, value: Array(value.utf8), fileName: nil, questionCount: questionCount)
            }
        case "multipart/form-data":
            guard let boundary = multipartBoundary(contentType ?? "") else {
                throw RequestError(.badRequest, "the multipart form has no boundary")
            }
            for part in try multipartParts(body, boundary: boundary) {
                guard let name = part.name else { throw RequestError(.badRequest, "a form part has no name") }
                try input.add(name: name, value: part.bytes, fileName: part.fileName, questionCount: questionCount)
            }
        default:
            throw RequestError(.unsupportedMediaType, "send the form as application/x-www-form-urlencoded or multipart/form-data")
        }
        return input
    }

    private mutating func add(name: String, value: [UInt8], fileName: String?, questionCount: Int) throws(RequestError) {
        if name == "answers_file" {
            if !value.isEmpty { file = (fileName ?? "answers.yaml", value) }
            return
        }
        guard let text = String(validating: value, as: UTF8.self) else {
            throw RequestError(.badRequest, "form field '\(Self.clip(name))' is not UTF-8 text")
        }
        if name == "student" {
            student = text.trimmingCharacters(in: .whitespacesAndNewlines)
            return
        }
        if name.hasPrefix("answer-"), let n = Int(name.dropFirst(7)), n >= 1, n <= questionCount {
            let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if !t.isEmpty { answers[n - 1] = t }
            return
        }
        throw OverrideRefusal.refusal(forField: name)
    }

    /// The answer file these fields stand for, as JSON (read by the same loader as any upload):
    /// `{"student": …, "problem": …, "answers": {"<id>": "<text>", …}}`. Each text is a JSON string,
    /// so it is read with nncheck's answer grammar exactly as a quoted YAML value would be.
    func answerFileJSON(gradable: GradableProblem) -> [UInt8] {
        let problem = gradable.problem
        var w = JSONWriter()
        w.beginObject()
        w.string(student.isEmpty ? "web-form" : student, key: "student")
        w.string(problem.id, key: "problem")
        w.beginObject("answers")
        for (i, q) in gradable.questions.enumerated() {
            if let text = answers[i] { w.string(text, key: q.declaration.id) }
        }
        w.endObject()
        w.endObject()
        return w.takeUTF8WithTrailingNewline()
    }

    /// Name/value pairs of an URL-encoded body (`+` is a space, `%XX` a byte).
    static func urlEncodedPairs(_ body: [UInt8]) throws(RequestError) -> [(String, String)] {
        guard let text = String(validating: body, as: UTF8.self) else {
            throw RequestError(.badRequest, "the form is not UTF-8 text")
        }
        var pairs: [(String, String)] = []
        for item in text.split(separator: "&", omittingEmptySubsequences: true) {
            guard pairs.count < maxParts else { throw RequestError(.badRequest, "the form has more than \(maxParts) fields") }
            let kv = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) throws(RequestError) -> String {
                guard let d = s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding else {
                    throw RequestError(.badRequest, "the form has a malformed %-escape")
                }
                return d
            }
            pairs.append((try decode(kv[0]), kv.count > 1 ? try decode(kv[1]) : ""))
        }
        return pairs
    }

    /// The `boundary` parameter of a multipart content type, unquoted.
    static func multipartBoundary(_ contentType: String) -> String? {
        for param in contentType.split(separator: ";").dropFirst() {
            let kv = param.split(separator: "=", maxSplits: 1)
            guard kv.count == 2, kv[0].trimmingCharacters(in: .whitespaces).lowercased() == "boundary" else { continue }
            var b = kv[1].trimmingCharacters(in: .whitespaces)
            if b.hasPrefix("\""), b.hasSuffix("\""), b.count >= 2 { b = String(b.dropFirst().dropLast()) }
            return b.isEmpty || b.count > 200 ? nil : b
        }
        return nil
    }

    /// One part of a multipart body.
    struct Part {
        var name: String?
        var fileName: String?
        var bytes: [UInt8]
    }

    /// The parts of a multipart body, read with MultipartKit's parser.
    static func multipartParts(_ body: [UInt8], boundary: String) throws(RequestError) -> [Part] {
        let parser = MultipartParser(boundary: boundary)
        var parts: [Part] = []
        var headers: [(String, String)] = []
        var bytes: [UInt8] = []
        var tooMany = false
        parser.onHeader = { name, value in headers.append((name, value)) }
        parser.onBody = { buffer in bytes.append(contentsOf: buffer.readBytes(length: buffer.readableBytes) ?? []) }
        parser.onPartComplete = {
            guard parts.count < maxParts else { tooMany = true; return }
            let disposition = headers.first { $0.0.lowercased() == "content-disposition" }?.1 ?? ""
            parts.append(Part(name: dispositionParameter(disposition, "name"),
                              fileName: dispositionParameter(disposition, "filename"), bytes: bytes))
            headers = []
            bytes = []
        }
        do { try parser.execute(body) } catch {
            throw RequestError(.badRequest, "the multipart form is malformed")
        }
        if tooMany { throw RequestError(.badRequest, "the form has more than \(maxParts) parts") }
        return parts
    }

    /// A parameter (`name="x"`) of a Content-Disposition header value.
    static func dispositionParameter(_ value: String, _ key: String) -> String? {
        for param in value.split(separator: ";").dropFirst() {
            let kv = param.split(separator: "=", maxSplits: 1)
            guard kv.count == 2, kv[0].trimmingCharacters(in: .whitespaces).lowercased() == key else { continue }
            var v = kv[1].trimmingCharacters(in: .whitespaces)
            if v.hasPrefix("\""), v.hasSuffix("\""), v.count >= 2 { v = String(v.dropFirst().dropLast()) }
            return v
        }
        return nil
    }

    static func clip(_ s: String) -> String { s.count > 40 ? String(s.prefix(37)) + "..." : s }
}
