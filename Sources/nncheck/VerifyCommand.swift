import ArgumentParser
import NNGrade
import NNProblem
import NNFiles

/// `nncheck verify PATH...`: check the instructor's `answer:` keys against the solver.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the answer keys written in problem files against the solver.",
        discussion: """
            Exit status: 0 when every key agrees, 1 when a key disagrees or a question cannot be \
            solved (or has no key, with --require-keys), 65 when a problem file is invalid, 66 when \
            a path does not exist, 73 when the output cannot be written.
            """)

    @Argument(help: "Problem files, or folders searched recursively for *.yaml and *.yml.") var paths: [String]
    @Option(help: "Output format: text, junit or github.") var format: ReportFormat = .text
    @Option(help: "Write the report to this file (atomically) instead of standard output.") var output: String?
    @Flag(help: "Count questions without an answer key as failures.") var requireKeys = false

    /// The report formats.
    enum ReportFormat: String, ExpressibleByArgument, CaseIterable { case text, junit, github }

    func run() throws {
        let report = KindVerifier.verify(paths: paths, requireKeys: requireKeys)
        guard report.unreadablePaths.isEmpty else {
            for issue in report.unreadablePaths { Terminal.error(issue.description) }
            throw ExitCode.noInput
        }
        let rendered: String
        switch format {
        case .text: rendered = VerificationRendering.text(report)
        case .junit: rendered = VerificationRendering.junit(report)
        case .github: rendered = VerificationRendering.github(report)
        }
        if let output {
            do { try OutputFolder.write(rendered, toPath: output) } catch {
                Terminal.error(error.description)
                throw ExitCode.cannotCreate
            }
        } else {
            Terminal.write(rendered)
        }
        switch report.exitStatus {
        case 0: return
        case 65: throw ExitCode.dataError
        case 66: throw ExitCode.noInput
        default: throw ExitCode(1)
        }
    }
}
