import NNCore
import NNProblem
import NNOutput
import NNGrade

/// Per-submission reports: Markdown for people, JSON for machines. Byte-for-byte deterministic.
public enum SubmissionReport {
    /// The Markdown report of one submission.
    public static func markdown(_ r: SubmissionResult, problem: Problem) -> String {
        markdownUTF8(r, problem: problem).string
    }

    /// The Markdown report of one submission as UTF-8, for writing to a file without a String.
    public static func markdownUTF8(_ r: SubmissionResult, problem: Problem) -> UTF8Text {
        var out = UTF8Text(capacity: 1024 + 160 * r.questions.count)
        out += "# "
        out += escape(problem.title)
        out += ": "
        out += escape(r.student)
        out += "\n\n- Problem: `"
        out += problem.id
        out += "`\n- Submission: `"
        out += escape(r.file)
        out += "`\n"
        if let reason = r.ungradableReason {
            out += "- Score: 0 / "
            out += PointsText.of(r.possible)
            out += "\n- Status: **ungradable**: "
            out += escape(reason)
            out += "\n"
            return out
        }
        out += "- Score: **"
        out += PointsText.of(r.earned)
        out += " / "
        out += PointsText.of(r.possible)
        out += "**\n"
        let usual = commonTolerance(r.questions)
        if let usual {
            out += "- Tolerance: "
            out += escape(usual)
            out += " unless a question says otherwise\n"
        }
        out += "\n| Question | Points | Verdict | Given | Details |\n|---|---|---|---|---|\n"
        for q in r.questions {
            out += "| "
            out += escape(q.id)
            out += " | "
            out += PointsText.of(q.earned)
            out += " / "
            out += PointsText.of(q.possible)
            out += " | "
            out += q.verdict.rawValue
            out += " | "
            appendCode(q.given, to: &out)
            out += " | "
            var details = q.message
            if let d = q.diagnosis { details += "; likely mistake: \(d)" }
            // Wrong entries already carry their expected values and errors in the message.
            if let x = q.expected, q.verdict == .correct || q.error == nil {
                details += "; expected \(x.text)"
            }
            if let c = q.comment { details += "; comment: \(c)" }
            if let t = q.tolerance, t != usual { details += " (tolerance \(t))" }
            out += escape(details)
            out += " |\n"
        }
        if !r.unknownQuestionIDs.isEmpty {
            out += "\nAnswers for questions this problem does not have (not scored): "
            for (i, id) in r.unknownQuestionIDs.enumerated() {
                if i > 0 { out += ", " }
                out += "`"
                out += escape(id)
                out += "`"
            }
            out += "\n"
        }
        return out
    }

    /// The JSON report of one submission.
    public static func json(_ r: SubmissionResult) -> String {
        var w = JSONWriter()
        write(r, to: &w)
        return w.textWithTrailingNewline
    }

    /// The UTF-8 bytes of `json(r)`, for writing to a file without building a String.
    public static func jsonUTF8(_ r: SubmissionResult) -> [UInt8] {
        var w = JSONWriter()
        write(r, to: &w)
        return w.takeUTF8WithTrailingNewline()
    }

    /// Writes a submission result as a JSON object (shared by the per-file report and the batch export).
    public static func write(_ r: SubmissionResult, to w: inout JSONWriter) {
        w.beginObject()
        w.string(r.student, key: "student")
        w.string(r.file, key: "file")
        w.string(r.problemID, key: "problem")
        w.string(r.isGradable ? "graded" : "ungradable", key: "status")
        if let reason = r.ungradableReason { w.string(reason, key: "reason") }
        w.number(r.isGradable ? r.earned : 0, key: "score")
        w.number(r.possible, key: "max_score")
        w.beginArray("questions")
        for q in r.questions {
            w.beginObject()
            w.string(q.id, key: "id")
            w.number(q.earned, key: "score")
            w.number(q.possible, key: "max_score")
            w.string(q.verdict.rawValue, key: "verdict")
            w.string(q.given, key: "given")
            w.string(q.message, key: "message")
            if let d = q.diagnosis { w.string(d, key: "diagnosis") }
            if let t = q.tolerance { w.string(t, key: "tolerance") }
            if let e = q.error {
                w.number(e.error, key: "error")
                w.number(e.allowed, key: "allowed")
            }
            if let x = q.expected { x.write(to: &w, key: "expected") }
            if let c = q.comment { w.string(c, key: "comment") }
            w.endObject()
        }
        w.endArray()
        if !r.unknownQuestionIDs.isEmpty {
            w.beginArray("unknown_questions")
            for id in r.unknownQuestionIDs { w.string(id) }
            w.endArray()
        }
        w.endObject()
    }

    /// The tolerance most questions use (ties broken by text), shown once in the header.
    static func commonTolerance(_ questions: [QuestionResult]) -> String? {
        // A short list instead of a dictionary: there are few distinct tolerances, and equal
        // texts usually share storage, so comparing is cheaper than hashing (which normalises).
        var counts: [(key: String, value: Int)] = []
        for q in questions {
            guard let tolerance = q.tolerance else { continue }
            if let i = counts.firstIndex(where: { $0.key == tolerance }) {
                counts[i].value += 1
            } else {
                counts.append((tolerance, 1))
            }
        }
        return counts.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key
    }

    static func sig(_ v: Double) -> String { NumberFormatting.significant(v, digits: 3) }

    /// Appends `s` as inline code, clipped to 80 characters; empty values show as an em dash.
    static func appendCode(_ s: String, to out: inout UTF8Text) {
        guard isPlainCode(s) else { return out += unusualCode(s) }
        out += "`"
        let utf8 = s.utf8
        if utf8.count <= 80 {
            out += s
        } else {
            out.append(s, prefixBytes: 77)
            out += "..."
        }
        out += "`"
    }

    /// Printable ASCII without pipes or backticks and not all spaces: `appendCode` needs no replacement,
    /// and one byte is one character, so clipping can count bytes.
    private static func isPlainCode(_ s: String) -> Bool {
        UTF8Scan.allBytes(of: s, satisfy: { $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "|") && $0 != UInt8(ascii: "`") })
            && UTF8Scan.anyByte(of: s, satisfies: { $0 != 0x20 })
    }

    /// Text safe inside a Markdown table cell: pipes, backslashes, markup characters and line breaks escaped.
    static func escape(_ s: String) -> String {
        // Fast path: printable ASCII without markup characters is returned as is.
        if UTF8Scan.allBytes(of: s, satisfy: { $0 >= 0x20 && $0 < 0x7F && !isMarkdownSpecial($0) }) { return s }
        if let escaped = escapeBytes(s) { return escaped }
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for ch in s {
            // Only one-byte characters (ASCII) and CR LF can be markup, control characters or line
            // breaks; testing the byte avoids comparing every character with each of them.
            let utf8 = ch.utf8
            if utf8.count == 1, let b = utf8.first {
                if isMarkdownSpecial(b) {
                    out.append("\\")
                    out.append(ch)
                } else if b == 0x0A || b == 0x0D {
                    out.append(" ")
                } else if b < 0x20 || b == 0x7F {
                    out.append("�")
                } else {
                    out.append(ch)
                }
            } else if ch == "\r\n" {
                out.append(" ")
            } else {
                out.append(ch)
            }
        }
        return out
    }

    /// A value shown as inline code (`appendCode`), as a String.
    static func code(_ s: String) -> String {
        var out = UTF8Text(capacity: 90)
        appendCode(s, to: &out)
        return out.string
    }

    /// `code` for text that is not plain printable ASCII (or is all spaces), one Character at a time.
    private static func unusualCode(_ s: String) -> String {
        // Pipes cannot appear inside table cells even in code spans: they become spaces, as line breaks do.
        let flat = String(s.map { $0 == "\n" || $0 == "\r" || $0 == "|" ? " " : $0 })
        let clipped = flat.count > 80 ? String(flat.prefix(77)) + "..." : flat
        if clipped.trimmingWhitespace().isEmpty { return "—" }
        let ticks = clipped.contains("`") ? "`` " : "`"
        let close = clipped.contains("`") ? " ``" : "`"
        return ticks + clipped + close
    }

    /// `escape` computed byte by byte. Every ASCII byte is its own character except CR LF and
    /// except where a non-ASCII neighbour joins it into one grapheme (a combining mark after it, a
    /// prepended mark before it); control characters and line breaks never join. So this is exact
    /// unless a markup character touches a non-ASCII byte: then nil, and the Character loop decides.
    private static func escapeBytes(_ s: String) -> String? {
        var s = s
        return s.withUTF8 { source -> String? in
            var bytes: [UInt8] = []
            bytes.reserveCapacity(source.count + 16)
            var afterCR = false
            for i in 0..<source.count {
                let b = source[i]
                if b == 0x0A && afterCR {
                    afterCR = false
                    continue
                }
                afterCR = b == 0x0D
                if isMarkdownSpecial(b) {
                    if (i > 0 && source[i - 1] >= 0x80) || (i + 1 < source.count && source[i + 1] >= 0x80) { return nil }
                    bytes.append(UInt8(ascii: "\\"))
                    bytes.append(b)
                } else if b == 0x0A || b == 0x0D {
                    bytes.append(0x20)
                } else if b < 0x20 || b == 0x7F {
                    bytes.append(contentsOf: [0xEF, 0xBF, 0xBD])  // U+FFFD
                } else {
                    bytes.append(b)
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// The ASCII characters `escape` puts a backslash before.
    private static func isMarkdownSpecial(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "|"), UInt8(ascii: "\\"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "`"),
             UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "#"):
            return true
        default:
            return false
        }
    }
}
