import NNFiles
import NNGrade
import NNOutput
import NNProblem
import NNReport

/// The server's HTML pages: plain server-rendered HTML that works without JavaScript.
///
/// Every piece of text from a problem file or a request goes through `HTMLText.escape` here,
/// and nowhere is HTML put together from unescaped text. (To be rendered through the HTML
/// issue's `NNHTML` once it lands; until then this is the whole page code.)
enum Pages {
    /// `GET /`: the problems with their titles and courses.
    static func index(_ set: ProblemSet) -> String {
        var body = "<h1>nncheck self-check</h1>\n<p>Choose a problem, type your answers (or upload your answer file) and check them. "
        body += "Your answers are graded with the course's own tolerances; the key is never shown.</p>\n<ul class=\"problems\">\n"
        for e in set.entries {
            let p = e.problem
            body += "<li><a href=\"/p/\(HTMLText.escapePathSegment(p.id))\">\(HTMLText.escape(p.title))</a>"
            if let c = p.course { body += " <span class=\"course\">\(HTMLText.escape(c))</span>" }
            body += " <code>\(HTMLText.escape(p.id))</code></li>\n"
        }
        body += "</ul>\n"
        return layout(title: "nncheck self-check", body: body)
    }

    /// `GET /p/<id>`: the questions (never the key) and the answer form.
    static func sheet(_ check: StudentCheck) -> String {
        let p = check.problem
        let action = "/p/\(HTMLText.escapePathSegment(p.id))"
        var body = "<p><a href=\"/\">All problems</a></p>\n<h1>\(HTMLText.escape(p.title))</h1>\n"
        if let c = p.course { body += "<p class=\"course\">\(HTMLText.escape(c))</p>\n" }
        if let n = p.notes { body += "<p class=\"notes\">\(HTMLText.escape(n))</p>\n" }
        body += "<form method=\"post\" action=\"\(action)\" enctype=\"multipart/form-data\">\n"
        body += "<p><label for=\"student\">Student id (optional)</label> <input type=\"text\" id=\"student\" name=\"student\" maxlength=\"200\"></p>\n"
        body += "<ol class=\"questions\">\n"
        for (i, question) in check.gradable.questions.enumerated() {
            let q = question.declaration
            let field = "answer-\(i + 1)"
            body += "<li class=\"question\"><label for=\"\(field)\"><strong>\(HTMLText.escape(q.id))</strong>"
            if let t = q.text { body += " \(HTMLText.escape(t))" }
            body += "</label><br><span class=\"shape\">\(HTMLText.escape(question.answerHint)); "
            body += "\(HTMLText.escape(CheckRendering.points(q.points))) point\(q.points == 1 ? "" : "s")</span><br>"
            body += "<input type=\"text\" id=\"\(field)\" name=\"\(field)\" size=\"50\" autocomplete=\"off\"></li>\n"
        }
        body += "</ol>\n"
        body += "<p><label for=\"answers_file\">Or upload an answer file (YAML or JSON)</label> "
        body += "<input type=\"file\" id=\"answers_file\" name=\"answers_file\"></p>\n"
        body += "<p><button type=\"submit\" id=\"check\">Check my answers</button></p>\n</form>\n"
        return layout(title: p.title, body: body)
    }

    /// `POST /p/<id>`: the graded result, as `nncheck check` reports it in student mode.
    static func result(_ r: SubmissionResult, problem: Problem) -> String {
        var body = "<p><a href=\"/p/\(HTMLText.escapePathSegment(problem.id))\">Back to the problem</a></p>\n"
        body += "<h1>\(HTMLText.escape(problem.title)) — \(HTMLText.escape(r.student))</h1>\n"
        if let reason = r.ungradableReason {
            body += "<p class=\"ungradable\" id=\"ungradable\">✘ \(HTMLText.escape(reason))</p>\n"
            return layout(title: problem.title, body: body)
        }
        body += "<table class=\"results\">\n<thead><tr><th></th><th>question</th><th>points</th><th>verdict</th><th>given</th><th>details</th></tr></thead>\n<tbody>\n"
        for q in r.questions {
            body += "<tr class=\"\(HTMLText.escape(q.verdict.rawValue))\" data-question=\"\(HTMLText.escape(q.id))\">"
            body += "<td>\(HTMLText.escape(q.verdict.symbol))</td><td>\(HTMLText.escape(q.id))</td>"
            body += "<td>\(CheckRendering.points(q.earned))/\(CheckRendering.points(q.possible))</td>"
            body += "<td class=\"verdict\">\(HTMLText.escape(q.verdict.rawValue))</td>"
            body += "<td class=\"given\">\(HTMLText.escape(q.given))</td><td>\(HTMLText.escape(CheckRendering.details(q)))</td></tr>\n"
        }
        body += "</tbody>\n</table>\n"
        let passed = r.questions.filter { $0.verdict.passed }.count
        body += "<p class=\"summary\" id=\"summary\">\(passed) of \(r.questions.count) questions correct; "
        body += "\(CheckRendering.points(r.earned)) / \(CheckRendering.points(r.possible)) points</p>\n"
        if !r.unknownQuestionIDs.isEmpty {
            body += "<p class=\"note\">Answers for unknown question ids were ignored: \(HTMLText.escape(r.unknownQuestionIDs.joined(separator: ", ")))</p>\n"
        }
        return layout(title: problem.title, body: body)
    }

    /// A page for a refused request: the status line and one sentence.
    static func error(status: Int, reason: String, message: String) -> String {
        layout(title: "\(status) \(reason)",
               body: "<h1>\(status) \(HTMLText.escape(reason))</h1>\n<p id=\"error\">\(HTMLText.escape(message))</p>\n<p><a href=\"/\">All problems</a></p>\n")
    }

    /// The page around a body: UTF-8, a title, a small style sheet, no scripts.
    static func layout(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTMLText.escape(title))</title>
        <style>body{font-family:sans-serif;max-width:60em;margin:1em auto;padding:0 1em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left}tr.correct td:first-child{color:#060}tr.incorrect td:first-child,tr.missing td:first-child{color:#a00}.shape,.course{color:#555}</style>
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }
}

/// Escaping for text placed in HTML.
enum HTMLText {
    /// `s` safe as element text or a double- or single-quoted attribute value: `& < > " '` become
    /// character references, and C0 control characters (other than tab and newline) and DEL
    /// become U+FFFD, so nothing a student sends can reach the page raw.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { out += "\u{FFFD}" } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// `s` percent-encoded for one URL path segment (unreserved characters kept), then HTML-escaped.
    static func escapePathSegment(_ s: String) -> String {
        var out = ""
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(b))
            default:
                out += "%" + String(b, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return escape(out)
    }
}

extension String {
    fileprivate func leftPadded(to n: Int) -> String { count >= n ? self : String(repeating: "0", count: n - count) + self }
}
