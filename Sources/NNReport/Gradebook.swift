import Foundation
import NNCore
import NNProblem
import NNOutput
import NNGrade

/// The gradebook of a batch: one row per submission, one column per question, and the total.
///
/// CSV columns: `student`, `file`, `status` (graded / ungradable), one column per question id
/// (points earned), `total`, `max`, `percent`, `reason`. Fields are quoted per RFC 4180 and lines
/// end in CRLF. Moodle imports it directly (Grades → Import → CSV file); Canvas needs its own
/// column layout, written by `CanvasGradebook`. A field that starts with `=`, `+`, `-` or `@`
/// and is not a number gets a leading apostrophe so spreadsheets do not run it as a formula.
public enum Gradebook {
    /// The CSV text.
    public static func csv(_ results: [SubmissionResult], problem: Problem) -> String {
        var out = ""
        let ids = problem.declarations.map(\.id)
        out += row(["student", "file", "status"] + ids + ["total", "max", "percent", "reason"])
        for r in results {
            var fields = [r.student, r.file, r.isGradable ? "graded" : "ungradable"]
            if r.isGradable {
                fields += r.questions.map { PointsText.of($0.earned) }
            } else {
                fields += Array(repeating: "0", count: ids.count)
            }
            let total = r.isGradable ? r.earned : 0
            fields += [PointsText.of(total), PointsText.of(r.possible),
                       NumberFormatting.fixed(r.possible > 0 ? 100 * total / r.possible : 0, decimals: 1),
                       r.ungradableReason ?? ""]
            out += row(fields)
        }
        return out
    }

    static func row(_ fields: [String]) -> String { fields.map(field).joined(separator: ",") + "\r\n" }

    static func field(_ raw: String) -> String {
        // Fast path: a field that neither starts with = + - @ or a space nor ends with a space, and
        // has no comma, quote, apostrophe or line break, is written as it is.
        let utf8 = raw.utf8
        if let first = utf8.first, first != UInt8(ascii: "="), first != UInt8(ascii: "+"), first != UInt8(ascii: "-"),
           first != UInt8(ascii: "@"), first != 0x20, utf8.last != 0x20,
           !UTF8Scan.anyByte(of: raw, satisfies: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D || $0 == 0x27 }) {
            return raw
        }
        var s = raw
        if let f = s.first, "=+-@".contains(f), Double(s) == nil { s = "'" + s }
        if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "'" }) || s.hasPrefix(" ") || s.hasSuffix(" ") {
            return "\"" + s.replacingAll("\"", with: "\"\"") + "\""
        }
        return s
    }

    /// The whole batch as one JSON document (every submission's full result).
    public static func json(_ results: [SubmissionResult], problem: Problem) -> String {
        var w = jsonStart(problem: problem)
        for result in results { w.raw(utf8: nestedReport(SubmissionReport.jsonUTF8(result))) }
        jsonEnd(&w)
        return String(decoding: w.takeUTF8WithTrailingNewline(), as: UTF8.self)
    }

    /// A writer holding the start of the batch document, up to the opening of the submissions
    /// array; each submission follows as `raw(utf8: nestedReport(…))`, then `jsonEnd`.
    public static func jsonStart(problem: Problem) -> JSONWriter {
        var w = JSONWriter()
        w.beginObject()
        w.string(problem.id, key: "problem")
        w.string(problem.title, key: "title")
        w.number(problem.totalPoints, key: "max_score")
        w.beginArray("submissions")
        return w
    }

    /// Closes the submissions array and the batch document (which is then taken with
    /// `takeUTF8WithTrailingNewline`).
    public static func jsonEnd(_ w: inout JSONWriter) {
        w.endArray()
        w.endObject()
    }

    /// A submission's JSON report as it appears inside gradebook.json, two levels deep: the
    /// writer's only line breaks are its indentation (strings escape theirs), so nesting adds
    /// four spaces after each line break; the report's final line break is dropped.
    public static func nestedReport(_ report: [UInt8]) -> [UInt8] {
        report.withUnsafeBufferPointer { source in
            let count = source.count - (source.last == 0x0A ? 1 : 0)
            guard let base = source.baseAddress, count > 0 else { return [] }
            let end = base + count
            // The next line break at or after `p`, or nil (memchr: a report has ~300 lines).
            func lineBreak(from p: UnsafePointer<UInt8>) -> UnsafePointer<UInt8>? {
                memchr(p, 0x0A, end - p).map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) }
            }
            var breaks = 0
            var cursor = base
            while let found = lineBreak(from: cursor) {
                breaks += 1
                cursor = found + 1
            }
            return [UInt8](unsafeUninitializedCapacity: count + 4 * breaks) { target, initialized in
                guard var out = target.baseAddress else { return }
                var start = base
                while let found = lineBreak(from: start) {
                    let length = found + 1 - start
                    out.initialize(from: start, count: length)
                    (out + length).initialize(repeating: 0x20, count: 4)
                    out += length + 4
                    start = found + 1
                }
                out.initialize(from: start, count: end - start)
                initialized = count + 4 * breaks
            }
        }
    }
}

extension String {
    /// Every occurrence of `target` replaced with `replacement`.
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for ch in self { if ch == target { out += replacement } else { out.append(ch) } }
        return out
    }
}
