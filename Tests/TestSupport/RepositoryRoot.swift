/// Where the tests find the repository's files (problems, submissions, reports, fuzz corpora).
public enum RepositoryRoot {
    /// The repository root: three levels above this file (Tests/TestSupport/RepositoryRoot.swift).
    public static var path: String {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }
}
