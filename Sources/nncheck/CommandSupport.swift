import ArgumentParser
import Foundation
import NNProblem

/// Steps shared by several commands.
enum CommandSupport {
    /// Loads a problem file, or prints one line and exits with 66 (missing) or 65 (invalid).
    static func loadProblem(_ path: String) throws -> Problem {
        try requireFile(path)
        do {
            return try ProblemLoader.load(path: path)
        } catch {
            Terminal.error(error.description)
            throw ExitCode.dataError
        }
    }

    /// Exits with 66 after one line when `path` does not exist.
    static func requireFile(_ path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            Terminal.error("\(path): no such file or directory")
            throw ExitCode.noInput
        }
    }
}
