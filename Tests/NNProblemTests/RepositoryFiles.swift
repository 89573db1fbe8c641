/// Paths of files bundled in the repository, found relative to this source file.
enum RepositoryFiles {
    /// The repository root.
    static var root: String {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)   // Tests/NNProblemTests/RepositoryFiles.swift
        return parts.joined(separator: "/")
    }

    /// A problem file under problems/.
    static func problem(_ name: String) -> String { root + "/problems/" + name }
}
