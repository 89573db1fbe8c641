import ArgumentParser
import NNGrade
import NNProblem
import NNReport

/// `nncheck sheet PROBLEM [--student ID]`: a student's problem sheet (Markdown).
struct SheetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sheet",
        abstract: "Print a problem sheet: the numbers and the questions, without the key.",
        discussion: "For a randomised problem, --student ID prints that student's variant.")

    @Argument(help: "The problem file (YAML).") var problem: String
    @Option(help: "For a randomised problem: this student's variant.") var student: String?

    func run() throws {
        let gradable = try CommandSupport.variant(of: CommandSupport.loadProblem(problem), path: problem, student: student)
        Terminal.write(StudentSheet.markdown(gradable))
    }
}
