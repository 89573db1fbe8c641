import Foundation
import Testing
import TestSupport

/// Runs the built `nncheck` executable as a separate process, the way users do.
enum NNCheckBinary {
    /// The repository root.
    static var root: String { RepositoryRoot.path }

    /// The built executable (`swift test` builds it first; `BuiltBinary` finds its folder).
    static func path() throws -> String {
        let path = BuiltBinary.path("nncheck")
        guard FileManager.default.isExecutableFile(atPath: path) else {
            Issue.record("the nncheck binary is missing at \(path); run `swift build` first")
            throw CancellationError()
        }
        return path
    }

    /// What a finished process printed and returned.
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs nncheck with `arguments` in `directory` (default: the repository root) and waits for it.
    static func run(_ arguments: [String], in directory: String? = nil, environment: [String: String]? = nil) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try path())
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory ?? root)
        if let environment { process.environment = environment }
        // Standard error goes to a file, so that neither stream can fill a pipe and block the child.
        let errorFile = FileManager.default.temporaryDirectory
            .appendingPathComponent("nncheck-stderr-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: errorFile.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown)
        }
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let errorHandle = try FileHandle(forWritingTo: errorFile)
        let out = Pipe()
        process.standardOutput = out
        process.standardError = errorHandle
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try errorHandle.close()
        return Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                   stderr: try String(contentsOf: errorFile, encoding: .utf8))
    }

    /// A new empty temporary folder.
    static func temporaryFolder(_ label: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nncheck-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }
}
