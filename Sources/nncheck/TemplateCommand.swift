import ArgumentParser
import NNGrade
import NNProblem

/// `nncheck template PROBLEM`: a fill-in answer file.
struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template", abstract: "Print a fill-in answer file for a problem: every question id with its text and expected shape.")

    @Argument(help: "The problem file (YAML).") var problem: String

    func run() throws {
        Terminal.write(AnswerTemplate.yaml(gradable: try CommandSupport.loadProblem(problem)))
    }
}
