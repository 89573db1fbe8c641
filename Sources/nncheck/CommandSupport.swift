import ArgumentParser
import Foundation
import NNCore
import NNGrade
import NNProblem

/// Steps shared by several commands.
enum CommandSupport {
    /// Loads a problem file and reads its questions by kind, or prints one line and exits with
    /// 66 (missing) or 65 (invalid).
    static func loadProblem(_ path: String) throws -> GradableProblem {
        try requireFile(path)
        do {
            return try GradableProblem.load(path: path)
        } catch {
            Terminal.error(error.description)
            throw ExitCode.dataError
        }
    }

    /// Reads a `--tolerance` value, or fails with a usage error naming the accepted forms.
    static func tolerance(_ text: String) throws -> Tolerance {
        guard let t = ToleranceParser.parse(text) else {
            throw ValidationError("'\(text)' is not a tolerance; try '3 s.f.', '2 d.p.', '±0.001', '1%' or 'rel 1% abs 1e-6'")
        }
        return t
    }

    /// Exits with 66 after one line when `path` does not exist.
    static func requireFile(_ path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            Terminal.error("\(path): no such file or directory")
            throw ExitCode.noInput
        }
    }
}
