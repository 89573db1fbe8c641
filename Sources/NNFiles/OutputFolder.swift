import Foundation

/// Writes output files inside one folder, atomically, with names that cannot escape it.
///
/// Every file is written completely before it gets its name, so a reader (or a crash) never sees
/// half a report: on Linux as an unnamed `O_TMPFILE` file that is then linked in (renamed over an
/// existing target), elsewhere (or where the file system lacks `O_TMPFILE`) as a hidden temporary
/// file in the same folder that is then renamed over the target. Temporary files left by a killed
/// run are removed the next time the folder is opened.
public struct OutputFolder: Sendable {
    /// The folder path.
    public let path: String
    /// Whether the folder held no files (other than temporary ones) when it was opened, so that
    /// nothing in it can be stale.
    public let wasEmpty: Bool
    /// The open folder: files are created and named relative to it, without walking the path.
    let directory: DirectoryHandle
    static let temporaryPrefix = ".nncheck-tmp-"

    /// Creates the folder (and parents) if needed and removes stale temporary files.
    public init(path: String) throws(OutputError) {
        self.path = path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw OutputError("\(path): exists and is not a folder") }
        } else {
            do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
                throw OutputError("\(path): cannot create the folder (\(error.localizedDescription))")
            }
        }
        var wasEmpty = true
        for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] {
            if name.hasPrefix(Self.temporaryPrefix) {
                try? FileManager.default.removeItem(atPath: path + "/" + name)
            } else {
                wasEmpty = false
            }
        }
        self.wasEmpty = wasEmpty
        directory = try DirectoryHandle(path: path)
    }

    /// Writes `text` to the file at `path` atomically, creating its folder if needed: the folder is
    /// opened as an `OutputFolder` and the file written by name inside it.
    public static func write(_ text: String, toPath path: String) throws(OutputError) {
        let name: String
        let folder: String
        if let slash = path.lastIndex(of: "/") {
            name = String(path[path.index(after: slash)...])
            folder = slash == path.startIndex ? "/" : String(path[..<slash])
        } else {
            name = path
            folder = "."
        }
        guard SafeName.isSafe(name) else { throw OutputError("\(path): not a file path") }
        try OutputFolder(path: folder).write(text, to: name)
    }

    /// Writes `text` to `name` inside the folder atomically. `name` must be a safe file name.
    public func write(_ text: String, to name: String) throws(OutputError) {
        var text = text  // written from its own UTF-8 storage, without copying it into an array
        var failure: OutputError?
        text.withUTF8 { buf in
            do throws(OutputError) { try write(UnsafeRawBufferPointer(buf), to: name) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Writes `bytes` (UTF-8 text) to `name` inside the folder atomically, as `write(_:to:)` does.
    public func write(bytes: [UInt8], to name: String) throws(OutputError) {
        var failure: OutputError?
        bytes.withUnsafeBytes { buf in
            do throws(OutputError) { try write(buf, to: name) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    private func write(_ buf: UnsafeRawBufferPointer, to name: String) throws(OutputError) {
        let file = try PendingFile(in: self, name: name)
        try file.append(buf)
        try file.commit()
    }

    /// Starts writing `name` inside the folder in pieces; the file gets its name only when
    /// `PendingFile.commit()` is called, so until then no reader or crash sees any of it.
    public func pendingFile(named name: String) throws(OutputError) -> PendingFile {
        try PendingFile(in: self, name: name)
    }

    /// Removes files in the folder that are not in `keep` and end in one of `extensions`.
    public func removeStale(keeping keep: Set<String>, extensions: [String]) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        where !keep.contains(name) && extensions.contains(where: { name.hasSuffix($0) }) {
            try? FileManager.default.removeItem(atPath: path + "/" + name)
        }
    }
}
