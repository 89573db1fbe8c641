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
        discussion: """
            The key is never printed unless the problem file sets show_key. Colour is used on a terminal unless \
            NO_COLOR is set. Student mode is only as private as the problem file: whoever holds the file can solve \
            it. To let students check without the file, run 'nncheck serve' (which accepts no tolerance override).
            """)

    @Argument(help: "The problem file (YAML).") var problem: String
    @Argument(help: "The answer file (YAML or JSON).") var answers: String
    @Option(help: "Output: table, markdown or json.") var format: CheckFormat = .table
    @Option(help: "Override every question's tolerance, e.g. '3 s.f.', '±0.001', '1%', 'rel 1% abs 1e-6'.", transform: CommandSupport.tolerance)
    var tolerance: Tolerance?

    enum CheckFormat: String, ExpressibleByArgument, CaseIterable { case table, markdown, json }

    func run() throws {
        let gradable = try CommandSupport.loadProblem(problem)
        try CommandSupport.requireFile(answers)
        // A randomised problem grades the file against the variant of its `student:` id.
        let check = StudentCheck(gradable: gradable, toleranceOverride: tolerance,
                                 secret: try CommandSupport.secret(for: gradable, path: problem))
        let result = check.check(path: answers, displayName: answers)
        let rendering: StudentCheck.Format
        switch format {
        case .table:
            rendering = .table(color: Terminal.stdoutIsTerminal && (getenv("NO_COLOR").map { String(cString: $0).isEmpty } ?? true))
        case .markdown: rendering = .markdown
        case .json: rendering = .json
        }
        Terminal.write(check.render(result, format: rendering))
        switch StudentCheck.outcome(result) {
        case .allCorrect: return
        case .notAllCorrect: throw ExitCode(1)
        case .ungradable:
            if format != .table, let reason = result.ungradableReason { Terminal.error(reason) }
            throw ExitCode.dataError
        }
    }
}
