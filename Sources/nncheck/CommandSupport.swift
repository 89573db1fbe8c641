import ArgumentParser
import NNProblem

/// Steps shared by several commands.
enum CommandSupport {
    /// Loads a problem file or exits with 65 (invalid) / 66 (missing) after printing one line.
    static func loadProblem(_ path: String) throws -> Problem {
        do {
            return try ProblemLoader.load(path: path)
        } catch {
            Terminal.error(error.description)
            throw error.message.contains("no such file") || error.message.contains("cannot open") ? ExitCode.noInput : ExitCode.dataError
        }
    }
}
