/// Renderings of a `VerificationReport`: plain text for people, JUnit XML for CI test reports and
/// GitHub Actions workflow commands for inline annotations.
public enum VerificationRendering {
    /// The title of every GitHub annotation.
    static let annotationTitle = "nncheck verify"

    /// One line per finding (`file:line:column: message`, notes marked `note:`), then the summary.
    public static func text(_ report: VerificationReport) -> String {
        var out = ""
        for finding in report.findings {
            if finding.severity == .note {
                var marked = finding
                marked.message = "note: " + finding.message
                out += marked.description + "\n"
            } else {
                out += finding.description + "\n"
            }
        }
        return out + report.summary + "\n"
    }

    /// JUnit XML: one `<testsuite>` per file and one `<testcase>` per question, with `<failure>`
    /// for failed questions, `<skipped>` for questions without a key (when keys are not required)
    /// and a single `<error>` test case for an invalid file.
    public static func junit(_ report: VerificationReport) -> String {
        var suites = ""
        var totals = (tests: 0, failures: 0, errors: 0, skipped: 0)
        for file in report.unreadablePaths {
            totals.tests += 1
            totals.errors += 1
            suites += "  <testsuite name=\"\(xml(file.path))\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\">\n"
            suites += "    <testcase name=\"open\" classname=\"\(xml(file.path))\">\n"
            suites += "      <error message=\"\(xml(file.reason))\">\(xml(file.description))</error>\n"
            suites += "    </testcase>\n  </testsuite>\n"
        }
        for file in report.files {
            if let invalid = file.invalid {
                totals.tests += 1
                totals.errors += 1
                suites += "  <testsuite name=\"\(xml(file.path))\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\">\n"
                suites += "    <testcase name=\"load\" classname=\"\(xml(file.path))\">\n"
                suites += "      <error message=\"\(xml(invalid.message))\">\(xml(invalid.description))</error>\n"
                suites += "    </testcase>\n  </testsuite>\n"
                continue
            }
            let className = xml(file.problemID ?? file.path)
            var cases = ""
            var counts = (failures: 0, skipped: 0)
            for question in file.questions {
                let errors = question.findings.filter { $0.severity == .error }
                let notes = question.findings.filter { $0.severity == .note }
                let open = "    <testcase name=\"\(xml("question " + question.id))\" classname=\"\(className)\""
                if !errors.isEmpty {
                    counts.failures += 1
                    let message = errors.map(\.message).joined(separator: "; ")
                    let body = errors.map(\.description).joined(separator: "\n")
                    cases += open + ">\n      <failure message=\"\(xml(message))\">\(xml(body))</failure>\n    </testcase>\n"
                } else if !notes.isEmpty {
                    counts.skipped += 1
                    let message = notes.map(\.message).joined(separator: "; ")
                    cases += open + ">\n      <skipped message=\"\(xml(message))\"/>\n    </testcase>\n"
                } else {
                    cases += open + "/>\n"
                }
            }
            totals.tests += file.questions.count
            totals.failures += counts.failures
            totals.skipped += counts.skipped
            suites += "  <testsuite name=\"\(xml(file.path))\" tests=\"\(file.questions.count)\" "
                + "failures=\"\(counts.failures)\" errors=\"0\" skipped=\"\(counts.skipped)\">\n"
            suites += cases + "  </testsuite>\n"
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<testsuites name=\"\(annotationTitle)\" tests=\"\(totals.tests)\" failures=\"\(totals.failures)\" "
            + "errors=\"\(totals.errors)\" skipped=\"\(totals.skipped)\">\n"
            + suites + "</testsuites>\n"
    }

    /// GitHub Actions annotations, one per finding
    /// (`::error file=F,line=L,col=C,title=nncheck verify::message`, `::notice` for notes), then
    /// the summary as a plain log line.
    public static func github(_ report: VerificationReport) -> String {
        var out = ""
        for path in report.unreadablePaths {
            out += "::error title=\(githubProperty(annotationTitle))::\(githubData(path.description))\n"
        }
        for finding in report.files.flatMap(\.findings) {
            var properties = ["file=" + githubProperty(finding.file)]
            if let line = finding.line {
                properties.append("line=\(line)")
                if let column = finding.column { properties.append("col=\(column)") }
            }
            properties.append("title=" + githubProperty(annotationTitle))
            let command = finding.severity == .error ? "error" : "notice"
            out += "::\(command) \(properties.joined(separator: ","))::\(githubData(finding.message))\n"
        }
        return out + report.summary + "\n"
    }

    /// Text escaped for XML 1.0 character data and attribute values: `&`, `<`, `>`, `"` and `'`
    /// become entities, tab, line feed and carriage return become character references (so
    /// attributes keep them), and characters XML 1.0 forbids (other C0 controls, U+FFFE, U+FFFF)
    /// become U+FFFD.
    public static func xml(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x26: out += "&amp;"
            case 0x3C: out += "&lt;"
            case 0x3E: out += "&gt;"
            case 0x22: out += "&quot;"
            case 0x27: out += "&apos;"
            case 0x09: out += "&#9;"
            case 0x0A: out += "&#10;"
            case 0x0D: out += "&#13;"
            case 0x00..<0x20, 0xFFFE, 0xFFFF: out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A workflow-command message: `%`, CR and LF escaped as `%25`, `%0D`, `%0A`.
    public static func githubData(_ text: String) -> String {
        var out = ""
        for character in text.unicodeScalars {
            switch character {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    /// A workflow-command property value: as `githubData`, and `:` and `,` escaped as `%3A`, `%2C`.
    public static func githubProperty(_ text: String) -> String {
        var out = ""
        for character in githubData(text).unicodeScalars {
            switch character {
            case ":": out += "%3A"
            case ",": out += "%2C"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }
}
