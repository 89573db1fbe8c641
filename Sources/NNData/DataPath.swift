#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import NNYAML

/// Where a data file named in a problem file is, confined to the problem file's folder.
///
/// The path must be relative, and neither its text (`..` components) nor a symbolic link on the
/// way may lead outside the folder that holds the problem file.
public struct DataPath: Sendable, Hashable {
    /// The path to open.
    public var path: String
    /// The name messages show: the problem file's shown folder joined with the written path.
    public var displayName: String

    /// Resolves `written` against the problem file's folder; errors are located at `location`.
    public static func resolve(_ written: String, problemFile: String, displayFile: String,
                               at location: SourceLocation) throws(InputError) -> DataPath {
        guard !written.isEmpty, !written.contains("\u{0}") else {
            throw InputError(at: location, "the data file name is empty")
        }
        guard !written.hasPrefix("/") else {
            throw InputError(at: location, "data file '\(written)' must be a path relative to the problem file's folder")
        }
        var depth = 0
        for part in written.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            depth += part == ".." ? -1 : 1
            guard depth >= 0 else {
                throw InputError(at: location, "data file '\(written)' is outside the problem file's folder")
            }
        }
        let folder = directory(of: problemFile)
        let path = folder.isEmpty ? written : folder + "/" + written
        let shownFolder = directory(of: displayFile)
        let display = shownFolder.isEmpty ? written : shownFolder + "/" + written
        guard let realFolder = realPath(folder.isEmpty ? "." : folder) else {
            throw InputError(at: location, "cannot find the problem file's folder")
        }
        guard let realFile = realPath(path) else {
            throw InputError(at: location, "data file '\(display)' does not exist")
        }
        guard realFile.hasPrefix(realFolder == "/" ? "/" : realFolder + "/") else {
            throw InputError(at: location, "data file '\(written)' leads outside the problem file's folder (through a symbolic link)")
        }
        return DataPath(path: path, displayName: display)
    }

    static func directory(of file: String) -> String {
        guard let slash = file.lastIndex(of: "/") else { return "" }
        return slash == file.startIndex ? "/" : String(file[..<slash])
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
