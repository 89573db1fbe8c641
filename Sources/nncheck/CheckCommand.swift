import ArgumentParser
import NNCore
import NNGrade
import NNProblem
import NNReport
import NNFiles

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `nncheck check PROBLEM ANSWERS`: a student's self-check.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check one answer file against a problem (exit 0 when every answer is correct, 1 otherwise).",
        discussion: "The key is never printed unless the problem file sets show_key. Colour is used on a terminal unless NO_COLOR is set.")

    @Argument(help: "The problem file (YAML).") var problem: String
    @Argument(help: "The answer file (YAML or JSON).") var answers: String
    @Option(help: "Output: table, markdown or json.") var format: CheckFormat = .table
    @Option(help: "Override every question's tolerance, e.g. '3 s.f.', '±0.001', '1%', 'rel 1% abs 1e-6'.", transform: CommandSupport.tolerance)
    var tolerance: Tolerance?

    enum CheckFormat: String, ExpressibleByArgument, CaseIterable { case table, markdown, json }

    func run() throws {
        let gradable = try CommandSupport.loadProblem(problem)
        let loaded = gradable.problem
        try CommandSupport.requireFile(answers)
        // A randomised problem grades the file against the variant of its `student:` id.
        let grader = Grader(gradable: gradable, audience: .student, toleranceOverride: tolerance,
                            secret: try CommandSupport.secret(for: gradable, path: problem))
        let result = BatchGrader(grader: grader).gradeFile(path: answers, displayName: answers)
        switch format {
        case .table:
            let color = Terminal.stdoutIsTerminal && (getenv("NO_COLOR").map { String(cString: $0).isEmpty } ?? true)
            Terminal.write(CheckRendering.table(result, problem: loaded, color: color))
        case .markdown: Terminal.write(SubmissionReport.markdown(result, problem: loaded))
        case .json: Terminal.write(SubmissionReport.json(result))
        }
        if let reason = result.ungradableReason {
            if format != .table { Terminal.error(reason) }
            throw ExitCode.dataError
        }
        if !result.allPassed { throw ExitCode(1) }
    }
}
