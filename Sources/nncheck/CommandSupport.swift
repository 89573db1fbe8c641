import ArgumentParser
import Foundation
import NNCore
import NNGrade
import NNProblem

/// Steps shared by several commands.
enum CommandSupport {
    /// Loads a problem file and reads its questions by kind, or prints one line and exits with
    /// 66 (missing) or 65 (invalid).
    ///
    /// A randomised problem is also drawn for a sample of student ids (`VariantSampling`), so a
    /// problem whose constraints cannot be met is refused here.
    static func loadProblem(_ path: String) throws -> GradableProblem {
        try requireFile(path)
        do {
            let gradable = try GradableProblem.load(path: path)
            if let r = gradable.problem.randomization {
                try VariantSampling.check(gradable.problem, secret: CourseSecret.find(r, problemFile: path))
            }
            return gradable
        } catch {
            Terminal.error(error.description)
            throw ExitCode.dataError
        }
    }

    /// The course secret of a randomised problem (nil for a fixed one), or one line and exit 65
    /// when it is not set (see `CourseSecret`).
    static func secret(for gradable: GradableProblem, path: String) throws -> VariantSecret? {
        guard let r = gradable.problem.randomization else { return nil }
        guard let secret = CourseSecret.find(r, problemFile: path) else {
            Terminal.error(CourseSecret.missingMessage(r, problemFile: path))
            throw ExitCode.dataError
        }
        return secret
    }

    /// One student's variant of a loaded problem, or the problem itself when it is fixed (then
    /// `student` is ignored). A randomised problem without `--student` is its file's own numbers.
    static func variant(of gradable: GradableProblem, path: String, student: String?) throws -> GradableProblem {
        guard gradable.problem.needsVariant, let student else { return gradable }
        let secret = try self.secret(for: gradable, path: path)
        do {
            guard let secret else { return gradable }
            return try GradableProblem(problem: gradable.problem.variant(for: student, secret: secret))
        } catch let error as VariantError {
            Terminal.error("\(path): \(error.message)")
            throw ExitCode.dataError
        } catch {
            Terminal.error("\(error)")
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

    /// Reads an instructor's review file for a problem, or prints one line and exits with 66
    /// (missing) or 65 (invalid).
    static func loadReview(_ path: String, problem: Problem) throws -> ReviewFile {
        try requireFile(path)
        do {
            return try ReviewFile.load(path: path, problem: problem)
        } catch {
            Terminal.error(error.description)
            throw ExitCode.dataError
        }
    }

    /// Exits with 66 after one line when `path` is not a folder.
    static func requireFolder(_ path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            Terminal.error("\(path): no such folder")
            throw ExitCode.noInput
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
