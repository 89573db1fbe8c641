import ArgumentParser
import NNGrade
import NNProblem

/// `nncheck solve PROBLEM.yaml`: print the answer key.
struct SolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve", abstract: "Compute the answer key of a problem file.")

    @Argument(help: "The problem file (YAML).") var problem: String
    @Option(help: "Output format: table or json.") var format: KeyFormat = .table
    @Flag(help: "Show the worked computation (forward pass, loss, backward pass, updates).") var steps = false

    enum KeyFormat: String, ExpressibleByArgument, CaseIterable { case table, json }

    func run() throws {
        let gradable = try CommandSupport.loadProblem(problem)
        let loaded = gradable.problem
        let key = gradable.key
        switch format {
        case .json: Terminal.write(AnswerKeyRendering.json(key))
        case .table:
            Terminal.write(AnswerKeyRendering.table(key, problem: loaded))
            if steps { Terminal.write("\n" + WorkedSteps.render(problem: loaded, key: key)) }
        }
        if key.entries.contains(where: { if case .failure = $0.result { return true } else { return false } }) {
            throw ExitCode.dataError
        }
    }
}
