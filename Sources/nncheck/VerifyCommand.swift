import ArgumentParser
import NNProblem
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

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
        let report = KeyVerifier.verify(paths: paths, requireKeys: requireKeys)
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
            do { try AtomicFile.write(rendered, to: output) } catch {
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

/// Why an output file could not be written.
struct OutputFileError: Error, CustomStringConvertible {
    /// The file that was being written.
    var path: String
    /// The system's reason.
    var reason: String
    var description: String { "\(path): cannot write: \(reason)" }
}

/// Writes a whole file atomically: into a temporary file in the same folder, then renamed over the
/// target, so readers see the old contents or the new, never a partial file.
enum AtomicFile {
    static func write(_ text: String, to path: String) throws(OutputFileError) {
        let folder: String
        let name: String
        if let slash = path.lastIndex(of: "/") {
            folder = slash == path.startIndex ? "/" : String(path[..<slash])
            name = String(path[path.index(after: slash)...])
        } else {
            folder = "."
            name = path
        }
        guard !name.isEmpty else { throw OutputFileError(path: path, reason: "not a file name") }
        let prefix = folder == "/" ? "/" : folder + "/"
        var template = Array((prefix + ".\(name).XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return mkstemp(base)
        }
        guard fd >= 0 else { throw OutputFileError(path: path, reason: systemError()) }
        let temporary = template.withUnsafeBufferPointer { buffer in
            String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        func fail() -> OutputFileError {
            let reason = systemError()
            close(fd)
            unlink(temporary)
            return OutputFileError(path: path, reason: reason)
        }
        // mkstemp creates the file 0600; give it the mode a plain create would (0666 minus umask).
        let mask = umask(0)
        umask(mask)
        guard fchmod(fd, 0o666 & ~mask) == 0 else { throw fail() }
        var bytes = Array(text.utf8)
        let written = bytes.withUnsafeMutableBytes { buffer -> Bool in
            guard let base = buffer.baseAddress else { return true }
            var offset = 0
            while offset < buffer.count {
                let n = unistdWrite(fd, base + offset, buffer.count - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return false }
                offset += n
            }
            return true
        }
        guard written, fsync(fd) == 0 else { throw fail() }
        guard close(fd) == 0 else {
            let reason = systemError()
            unlink(temporary)
            throw OutputFileError(path: path, reason: reason)
        }
        guard rename(temporary, path) == 0 else {
            let reason = systemError()
            unlink(temporary)
            throw OutputFileError(path: path, reason: reason)
        }
    }

    /// `write(2)`, named so it cannot be confused with `AtomicFile.write`.
    private static func unistdWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        return Glibc.write(fd, buffer, count)
        #elseif canImport(Musl)
        return Musl.write(fd, buffer, count)
        #else
        return Darwin.write(fd, buffer, count)
        #endif
    }

    /// The text of the current `errno`.
    private static func systemError() -> String {
        String(cString: strerror(errno))
    }
}
