import Testing
import NNCore
import NNProblem
import NNGrade
import NNReport
import TestSupport

/// The review round trip in the library: review-template's CSV, filled in, read back and merged.
@Suite struct ReviewRoundTripTests {
    static func problem() throws -> Problem {
        try ProblemLoader.load(path: RepositoryRoot.path + "/problems/ece4179-mlp.yaml")
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
