
/// A problem set: one YAML file with its networks or graphs, data and questions.
public struct Problem: Sendable {
    /// Stable identifier, used in answer files, reports and the gradebook (e.g. `ece4179-mlp`).
    public var id: String
    /// Human title.
    public var title: String
    /// Course code or name, if given.
    public var course: String?
    /// Where the exercise comes from (for the bundled problems: the seed file).
    public var source: String?
    /// Free-text notes, e.g. which numbers the author chose.
    public var notes: String?
    /// Named scenarios; the one named `default` is used by questions that name none.
    public var scenarios: [String: Scenario]
    /// The numeric questions (those the solver answers) in file order.
    public var questions: [Question]
    /// Every question in file order, whatever its kind.
    public var declarations: [QuestionDeclaration]
    /// Whether expected values may be shown to students (per question it can be overridden).
    public var showKey: Bool
    /// The file the problem was read from.
    public var file: String

    /// Creates a problem.
    public init(id: String, title: String, course: String? = nil, source: String? = nil, notes: String? = nil,
                scenarios: [String: Scenario], questions: [Question], declarations: [QuestionDeclaration]? = nil,
                showKey: Bool = false, file: String) {
        self.id = id
        self.title = title
        self.course = course
        self.source = source
        self.notes = notes
        self.scenarios = scenarios
        self.questions = questions
        self.declarations = declarations ?? questions.map { QuestionDeclaration($0) }
        self.showKey = showKey
        self.file = file
    }

    /// The numeric question with this id.
    public func question(_ id: String) -> Question? { questions.first { $0.id == id } }

    /// The question of any kind with this id.
    public func declaration(_ id: String) -> QuestionDeclaration? { declarations.first { $0.id == id } }

    /// Sum of all questions' points.
    public var totalPoints: Double { declarations.reduce(0) { $0 + $1.points } }
}
