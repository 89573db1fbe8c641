import Testing
import NNCore
import NNProblem
import NNGrade
import NNYAML
import NNReport
import NNFiles
import TestSupport

/// The instructor's review CSV: reading, its located errors, and merging into results.
@Suite struct ReviewFileTests {
    static func problem() throws -> Problem {
        try ProblemLoader.load(path: RepositoryRoot.path + "/problems/ece4179-mlp.yaml")
    }

    static func read(_ text: String) throws(InputError) -> ReviewFile {
        try ReviewFile(text: text, file: "r.csv", problem: try! problem())
    }

    static func error(_ text: String) -> String? {
        do {
            _ = try read(text)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func readsRowsByFileOrStudent() throws {
        let review = try Self.read("""
            file,student,question,max_points,points,comment,answer\r
            a.yaml,s1,1.3-why,1,0.5,"Closer to 1, yes; say why that lowers -ln",text\r
            ,s2,1.3-why,1,1,,\r
            b.yaml,s3,1.3-why,1,,,not reviewed yet\r

            """)
        #expect(review.rows.count == 2)
        #expect(review.rows[0].file == "a.yaml" && review.rows[0].points == 0.5)
        #expect(review.rows[0].comment == "Closer to 1, yes; say why that lowers -ln")
        #expect(review.rows[1].file == nil && review.rows[1].student == "s2" && review.rows[1].comment == nil)
        #expect(review.review(file: "a.yaml", student: "anyone", question: "1.3-why")?.points == 0.5)
        #expect(review.review(file: "z.yaml", student: "s2", question: "1.3-why")?.points == 1)
        #expect(review.review(file: "b.yaml", student: "s3", question: "1.3-why") == nil)
    }

    @Test(arguments: [
        ("file,question\na.yaml,1.3-why\n", "r.csv:1: the header must name the columns question and points (and file or student); it names: file, question"),
        ("question,points\n1.3-why,1\n", "r.csv:1: the header must name a file or student column"),
        ("file,question,points\na.yaml,9.9,1\n", "r.csv:2: question '9.9' is not in problem ece4179-mlp"),
        ("file,question,points\na.yaml,1.3-why,2\n", "r.csv:2: 2 points is above question 1.3-why's maximum of 1"),
        ("file,question,points\na.yaml,1.3-why,-1\n", "r.csv:2: points must not be negative, got -1"),
        ("file,question,points\na.yaml,1.3-why,half\n", "r.csv:2: points 'half' is not a number"),
        ("file,question,points\n,1.3-why,1\n", "r.csv:2: the row names neither a file nor a student"),
        ("file,question,points\na.yaml,1.3-why,1\na.yaml,1.3-why,0\n", "r.csv:3: file a.yaml, question 1.3-why is reviewed twice (first at line 2)"),
        // A quoted line break inside a comment moves the next rows down a line.
        ("file,question,points,comment\na.yaml,1.3-why,1,\"two\nlines\"\nb.yaml,9.9,1,\n", "r.csv:4: question '9.9' is not in problem ece4179-mlp"),
    ])
    func badRowsAreNamedByLine(text: String, message: String) {
        #expect(Self.error(text) == message)
    }

    @Test func everyRowMustNameAGradableSubmission() throws {
        let review = try Self.read("file,student,question,points\na.yaml,,1.3-why,1\n,s2,1.3-why,1\n")
        try review.check(submissions: [("a.yaml", "s1"), ("b.yaml", "s2")])
        #expect(throws: InputError(file: "r.csv", line: 2, message: "file 'a.yaml' is not in the submissions folder")) {
            try review.check(submissions: [("b.yaml", "s2")])
        }
        #expect(throws: InputError(file: "r.csv", line: 2, message: "file 'a.yaml' could not be graded, so it cannot be reviewed")) {
            try review.check(submissions: [("a.yaml", nil), ("b.yaml", "s2")])
        }
        #expect(throws: InputError(file: "r.csv", line: 3, message: "student 's2' has no gradable submission in the folder")) {
            try review.check(submissions: [("a.yaml", "s1")])
        }
        #expect(throws: InputError(file: "r.csv", line: 3, message: "student 's2' has several submissions; name the file instead")) {
            try review.check(submissions: [("a.yaml", "s1"), ("b.yaml", "s2"), ("c.yaml", "s2")])
        }
    }

    /// review-template's CSV, filled in, read back and merged: the reviewed points reach the
    /// total, the gradebook, and the verdict.
    @Test func templateFilledAndMergedRoundTrips() throws {
        let problem = try Self.problem()
        var grader = Grader(problem: problem)
        let answers = "student: s1\nanswers:\n  \"1.3-compare\": smaller\n  \"1.3-why\": \"ŷ = 0.627 is closer to 1, \\\"so\\\" -ln ŷ is small\"\n"
        let submission = try SubmissionLoader.load(bytes: Array(answers.utf8), file: "a.yaml")
        let before = grader.grade(submission)
        #expect(before.earned == 1 && before.pendingCount == 1)
        #expect(Gradebook.csv([before], problem: problem).contains(",pending,"))

        let template = ReviewTemplate.csv([before])
        #expect(template == "file,student,question,max_points,points,comment,answer\r\n"
                + "a.yaml,s1,1.3-why,1,,,\"ŷ = 0.627 is closer to 1, \"\"so\"\" -ln ŷ is small\"\r\n")
        let filled = template.replacingOccurrences(of: "1.3-why,1,,,", with: "1.3-why,1,0.75,\"Good; name the log\",")
        let review = try ReviewFile(text: filled, file: "r.csv", problem: problem)
        try review.check(submissions: [("a.yaml", "s1")])
        grader.reviews = review
        let after = grader.grade(submission)
        let why = try #require(after.questions.first { $0.id == "1.3-why" })
        #expect(why.verdict == .partial && why.earned == 0.75)
        #expect(why.message == "reviewed: 0.75 / 1 points" && why.comment == "Good; name the log")
        #expect(after.earned == 1.75 && after.pendingCount == 0)
        let csv = Gradebook.csv([after], problem: problem)
        #expect(csv.contains(",1,0.75,0,0,0,0,0,1.75,19,"))
        #expect(SubmissionReport.markdown(after, problem: problem).contains("reviewed: 0.75 / 1 points; comment: Good; name the log"))
        #expect(SubmissionReport.json(after).contains("\"comment\": \"Good; name the log\""))
        #expect(GradescopeResults.json(after, problem: problem).contains("Comment: Good; name the log"))
    }
}
