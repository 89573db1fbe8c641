import ArgumentParser
import Foundation
import NNGrade
import NNProblem
import NNFiles
import NNReport

/// `nncheck review-template PROBLEM SUBMISSIONS`: the review CSV for the answers graded by hand.
struct ReviewTemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review-template",
        abstract: "Print a review CSV with one row per answer waiting for review (manual questions), to fill in and pass to grade --review.")

    @Argument(help: "The problem file (YAML).") var problem: String
    @Argument(help: "The folder of answer files.") var submissions: String

    func run() throws {
        let gradable = try CommandSupport.loadProblem(problem)
        try CommandSupport.requireFolder(submissions)
        let results: [SubmissionResult]
        do { results = try BatchGrader(grader: Grader(gradable: gradable)).grade(folder: submissions) } catch {
            Terminal.error(error.message)
            throw ExitCode.noInput
        }
        Terminal.write(ReviewTemplate.csv(results))
    }
}
