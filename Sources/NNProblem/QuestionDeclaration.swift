import NNYAML

/// One question of a problem file as written, whatever its kind, with the fields every kind
/// shares. Questions of kind `numeric` also carry their `Question` (what the solver answers);
/// every other kind reads its own keys from `node` (see `QuestionKind` in NNGrade).
public struct QuestionDeclaration: Sendable {
    /// The kind of every question that does not name one.
    public static let defaultKind = "numeric"
    /// The keys every kind accepts.
    public static let commonKeys = ["id", "kind", "text", "points", "show_key"]

    /// The id as the course prints it ("1.4").
    public var id: String
    /// The kind as written in `kind:` (`numeric` when absent).
    public var kind: String
    /// Where `kind:` is written, if it is.
    public var kindLocation: SourceLocation?
    /// Optional question text.
    public var text: String?
    /// Points available.
    public var points: Double
    /// Whether the key may be shown to students.
    public var showKey: Bool
    /// The question's mapping in the problem file, for the kind's own keys.
    public var node: YAMLNode?
    /// Where the question starts in the problem file.
    public var location: SourceLocation
    /// The numeric question, for kind `numeric`; nil for every other kind.
    public var numeric: Question?

    /// Creates a declaration.
    public init(id: String, kind: String, kindLocation: SourceLocation? = nil, text: String?, points: Double,
                showKey: Bool, node: YAMLNode?, location: SourceLocation, numeric: Question? = nil) {
        self.id = id
        self.kind = kind
        self.kindLocation = kindLocation
        self.text = text
        self.points = points
        self.showKey = showKey
        self.node = node
        self.location = location
        self.numeric = numeric
    }

    /// The declaration of a numeric question.
    public init(_ question: Question, node: YAMLNode? = nil, kindLocation: SourceLocation? = nil) {
        self.init(id: question.id, kind: Self.defaultKind, kindLocation: kindLocation, text: question.text,
                  points: question.points, showKey: question.showKey, node: node, location: question.location,
                  numeric: question)
    }

    /// What the question asks, on one line: its text, else what a numeric question asks, else its id.
    public var summary: String { text ?? numeric?.ask ?? id }
}
