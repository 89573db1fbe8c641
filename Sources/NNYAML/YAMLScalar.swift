/// A scalar exactly as written in the file: uninterpreted text plus its style and position.
///
/// The reader never resolves numbers, booleans or timestamps; `0.5`, `1:30`, `.inf` and
/// `yes` all arrive as text and callers decide what they mean.
public struct YAMLScalar: Sendable, Hashable {
    /// The scalar's content after YAML unescaping and line folding.
    public var text: String
    /// Whether the scalar used single-quoted, double-quoted, literal (`|`) or folded (`>`) style.
    public var isQuoted: Bool
    /// Where the scalar (or its anchor) starts.
    public var location: SourceLocation

    /// Creates a scalar from its text, style and position.
    public init(text: String, isQuoted: Bool, location: SourceLocation) {
        self.text = text
        self.isQuoted = isQuoted
        self.location = location
    }

    /// Whether the scalar is a plain (unquoted) YAML null: empty, `~`, `null`, `Null` or `NULL`.
    public var isNull: Bool {
        // The null spellings are ASCII of at most 4 bytes; longer text cannot equal them.
        guard !isQuoted, text.utf8.count <= 4 else { return false }
        switch text {
        case "", "~", "null", "Null", "NULL":
            return true
        default:
            return false
        }
    }
}
