import ArgumentParser
import NNGrade
import NNProblem

/// `nncheck template PROBLEM`: a fill-in answer file.
struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template", abstract: "Print a fill-in answer file for a problem: every question id with its text and expected shape.")

    @Argument(help: "The problem file (YAML).") var problem: String
    @Option(help: "For a randomised problem: this student's variant (its id is filled in as student:).") var student: String?

    func run() throws {
        let gradable = try CommandSupport.variant(of: CommandSupport.loadProblem(problem), path: problem, student: student)
        Terminal.write(AnswerTemplate.yaml(gradable: gradable))
    }
}
