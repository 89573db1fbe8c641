import Foundation

/// Where the tests find the executables `swift build` made, without assuming a build folder.
public enum BuiltBinary {
    /// The path of the built executable `name` (such as `nncheck`): in `$NNCHECK_BIN_PATH` when
    /// set, else next to the running test bundle (SwiftPM puts both in its bin folder), else in the
    /// folder `swift build --show-bin-path` names. The path may not exist; callers check.
    public static func path(_ name: String) -> String {
        folder + "/" + name
    }

    /// The bin folder, found once.
    private static let folder: String = {
        if let given = ProcessInfo.processInfo.environment["NNCHECK_BIN_PATH"], !given.isEmpty {
            return given
        }
        var running = URL(fileURLWithPath: CommandLine.arguments.first ?? "").standardizedFileURL
        // On macOS the tests run inside `<bin>/nncheck-packageTests.xctest/Contents/MacOS/`.
        while running.pathComponents.count > 1 {
            running.deleteLastPathComponent()
            if FileManager.default.isExecutableFile(atPath: running.path + "/nncheck") { return running.path }
        }
        return showBinPath() ?? RepositoryRoot.path + "/.build/debug"
    }()

    /// `swift build --show-bin-path` run in the repository root, or nil if it fails.
    private static func showBinPath() -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["swift", "build", "--show-bin-path"]
        process.currentDirectoryURL = URL(fileURLWithPath: RepositoryRoot.path)
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        let text = String(decoding: data, as: UTF8.self).split(separator: "\n").last.map(String.init)
        return text?.isEmpty == false ? text : nil
    }
}
