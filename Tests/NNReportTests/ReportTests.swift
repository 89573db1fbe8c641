import Testing
import TestSupport
import NNCore
import NNProblem
import NNGrade
import NNOutput
import NNReport
import NNFiles

@Suite struct ReportTests {
    static func sample() throws -> (SubmissionResult, Problem) {
        let problem = try ProblemLoader.load(path: RepositoryRoot.path + "/problems/ece4179-mlp.yaml")
        let grader = Grader(problem: problem)
        let s = try SubmissionLoader.load(bytes: Array("""
            student: "O'Brien, \\"Pat\\" | =1+1"
            answers:
              "1.1": 0.627
              "1.4": "0.225 | x"
            """.utf8), file: "a.yaml")
        return (grader.grade(s), problem)
    }

    @Test func reportsAreDeterministic() throws {
        let (r, p) = try Self.sample()
        #expect(SubmissionReport.markdown(r, problem: p) == SubmissionReport.markdown(r, problem: p))
        #expect(SubmissionReport.json(r) == SubmissionReport.json(r))
    }

    @Test func batchJSONNestsEachReportAsAWriterWould() throws {
        let (r, p) = try Self.sample()
        // The batch document is assembled from the per-submission reports, re-indented; it must be
        // exactly what serialising every result inside the document gives.
        var w = JSONWriter()
        w.beginObject()
        w.string(p.id, key: "problem")
        w.string(p.title, key: "title")
        w.number(p.totalPoints, key: "max_score")
        w.beginArray("submissions")
        SubmissionReport.write(r, to: &w)
        SubmissionReport.write(r, to: &w)
        w.endArray()
        w.endObject()
        #expect(Gradebook.json([r, r], problem: p) == w.text + "\n")
    }

    @Test func markdownEscapesTableCells() throws {
        let (r, p) = try Self.sample()
        let md = SubmissionReport.markdown(r, problem: p)
        let rows = md.split(separator: "\n").filter { $0.hasPrefix("| 1.4 ") }
        #expect(rows.count == 1)
        // Exactly 6 unescaped pipes delimit the 5 cells.
        let row = String(rows[0])
        var unescaped = 0
        var previous: Character = " "
        for ch in row { if ch == "|" && previous != "\\" { unescaped += 1 }; previous = ch }
        #expect(unescaped == 6)
    }

    @Test func gradebookQuotesAndNeutralisesFormulas() throws {
        let (r, p) = try Self.sample()
        let csv = Gradebook.csv([r], problem: p)
        let lines = csv.components(separatedBy: "\r\n")
        #expect(lines[0].hasPrefix("student,file,status,1.1-z1,1.1-a1,1.1-z2,1.1,1.2,1.3,"))
        #expect(lines[0].hasSuffix(",total,max,percent,reason"))
        #expect(lines[1].hasPrefix("\"O'Brien, \"\"Pat\"\" | =1+1\",a.yaml,graded,0,0,0,2,"))
        #expect(lines[1].contains(",2,17,11.8,"))
        #expect(Gradebook.csv([r], problem: p).hasSuffix("\r\n"))
    }

    @Test func jsonReportParsesAndHidesTheKey() throws {
        let (r, _) = try Self.sample()
        let json = SubmissionReport.json(r)
        #expect(json.contains("\"verdict\": \"unparseable\""))
        #expect(!json.contains("\"expected\""))
        #expect(!json.contains("0.225086"))
    }

    @Test func safeNamesStayInsideTheFolder() {
        #expect(SafeName.sanitize("../../etc/passwd") == "_.._etc_passwd")
        #expect(SafeName.sanitize("/abs/path") == "_abs_path")
        #expect(SafeName.sanitize("a\u{0}b") == "a_b")
        #expect(SafeName.sanitize("") == "submission")
        #expect(SafeName.sanitize(String(repeating: "x", count: 10_000)).count == 100)
        #expect(SafeName.unique(["a b", "a_b", "A_B"]) == ["a_b", "a_b-2", "A_B-3"])
        #expect(!SafeName.isSafe("../x") && !SafeName.isSafe("..") && SafeName.isSafe("x.md"))
    }
}
