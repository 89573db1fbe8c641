/// A 1-based line and column in a named input file.
///
/// Columns count Unicode scalars (characters as libyaml sees them), not bytes,
/// so they match what an editor shows for UTF-8 text.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The file name shown in messages (a display name, not necessarily a path).
    public var file: String
    /// The 1-based line number.
    public var line: Int
    /// The 1-based column number, counted in Unicode scalars.
    public var column: Int

    /// Creates a location from a file name and 1-based line and column.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// The location as `file:line:column`.
    public var description: String {
        "\(file):\(line):\(column)"
    }
}
