import TestSupport

/// Paths of files bundled in the repository, found relative to this source file.
enum RepositoryFiles {
    /// The repository root.
    static var root: String { RepositoryRoot.path }

    /// A problem file under problems/.
    static func problem(_ name: String) -> String { root + "/problems/" + name }
}
