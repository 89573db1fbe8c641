import Foundation
import NNGrade
import NNProblem
import NNYAML
import Testing
import TestSupport

/// Helpers shared by the hostile-input suites (they run one at a time, see `HostileInput`).
enum Hostile {
    /// The hang guard for rejecting or grading one hostile file: far above any plausible time on a
    /// busy machine, so it only fails on a hang or runaway (for example exponential) work. Speed is
    /// measured in bench/, never asserted here.
    static let hangLimit: Duration = .seconds(60)

    /// The repository root.
    static var root: String { RepositoryRoot.path }

    /// A bundled problem file.
    static func problemPath(_ name: String) -> String { root + "/problems/" + name + ".yaml" }

    /// The grader for problems/ece4179-mlp.yaml, student audience unless told otherwise.
    static func mlpGrader(audience: Audience = .student) throws -> Grader {
        Grader(problem: try ProblemLoader.load(path: problemPath("ece4179-mlp")), audience: audience)
    }

    /// The one-line error `ProblemLoader.load(path:)` reports for a file shown as `p.yaml`, or nil if it loads.
    static func problemError(path: String, displayName: String = "p.yaml") -> String? {
        do throws(InputError) {
            _ = try ProblemLoader.load(path: path, displayName: displayName)
            return nil
        } catch {
            return error.description
        }
    }

    /// Runs `body`, records an issue when it takes `limit` or longer (a hang), and returns its result.
    static func timed<T>(_ label: String, limit: Duration = hangLimit,
                         sourceLocation: Testing.SourceLocation = #_sourceLocation,
                         _ body: () throws -> T) rethrows -> T {
        let clock = ContinuousClock()
        let start = clock.now
        let result = try body()
        let elapsed = clock.now - start
        #expect(elapsed < limit, "\(label) took \(elapsed), more than \(limit)", sourceLocation: sourceLocation)
        return result
    }

    /// Words that would mean a NaN or an infinity was printed: `nan`, `inf`, `infinity`, `-inf`
    /// (case-insensitive, not inside longer words such as "information").
    static func nonFiniteWords(in text: String) -> [String] {
        let pattern = #"(?i)(?<![a-z0-9])[+-]?(nan|inf|infinity)(?![a-z])"#
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return ["(bad pattern)"] }
        let range = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: range).compactMap { Range($0.range, in: text).map { String(text[$0]) } }
    }
}

/// Container of all hostile-input suites, run serially so that their time bounds are measured
/// without the other suites of this target competing for the two cores.
@Suite(.serialized) struct HostileInput {}

/// A fresh temporary folder, removed when the value is deinitialized.
final class TemporaryFolder {
    /// The folder's path (no trailing slash).
    let path: String

    /// Creates `/tmp/nncheck-hostile-<label>-<uuid>`.
    init(_ label: String) throws {
        path = FileManager.default.temporaryDirectory.path + "/nncheck-hostile-\(label)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `bytes` to `name` inside the folder and returns the full path.
    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let file = path + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        return file
    }

    /// Writes UTF-8 `text` to `name` inside the folder and returns the full path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String { try write(name, Array(text.utf8)) }

    /// Creates a subfolder and returns its path.
    func folder(_ name: String) throws -> String {
        let sub = path + "/" + name
        try FileManager.default.createDirectory(atPath: sub, withIntermediateDirectories: true)
        return sub
    }
}

/// Builders for hostile YAML texts.
enum HostileText {
    /// The classic "billion laughs": `levels` anchors, each a list of ten aliases of the previous one.
    static func billionLaughs(levels: Int, under key: String = "answers") -> String {
        var text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...levels {
            let previous = "*a\(level - 1)"
            text += "a\(level): &a\(level) [" + Array(repeating: previous, count: 10).joined(separator: ", ") + "]\n"
        }
        return text + "\(key): *a\(levels)\n"
    }

    /// `count` opening brackets (never closed).
    static func deepBrackets(_ count: Int) -> String { String(repeating: "[", count: count) }

    /// A valid answer file for ece4179-mlp with the given answers (YAML values written as is).
    static func answerFile(student: String = "s1", _ answers: [(String, String)]) -> String {
        var text = "student: \(student)\nproblem: ece4179-mlp\nanswers:\n"
        for (id, value) in answers { text += "  \"\(id)\": \(value)\n" }
        return text
    }
}

/// Running the built `nncheck` executable.
enum NNCheckBinary {
    /// The `nncheck` that `swift build` / `swift test` built before the tests run (`BuiltBinary`).
    static func path() throws -> String {
        let path = BuiltBinary.path("nncheck")
        guard FileManager.default.isExecutableFile(atPath: path) else {
            Issue.record("the nncheck binary is missing at \(path); run `swift build` first")
            throw CancellationError()
        }
        return path
    }

    /// What a finished process printed and returned.
    struct Run: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs nncheck with `arguments` in the repository root and waits for it. Both streams go to
    /// files, so that neither can fill a pipe and block the child.
    static func run(_ arguments: [String]) throws -> Run {
        let folder = try TemporaryFolder("run")
        let outPath = folder.path + "/stdout", errPath = folder.path + "/stderr"
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        let outHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        let errHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try path())
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: Hostile.root)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = outHandle
        process.standardError = errHandle
        try process.run()
        process.waitUntilExit()
        try outHandle.close()
        try errHandle.close()
        return Run(status: process.terminationStatus,
                   stdout: try String(contentsOfFile: outPath, encoding: .utf8),
                   stderr: try String(contentsOfFile: errPath, encoding: .utf8))
    }
}
