import NNCore
import NNYAML

/// One question: what it asks for, how it is scored, and the scenario it is asked in.
public struct Question: Sendable {
    /// The id as the course prints it ("1.4").
    public var id: String
    /// Optional question text.
    public var text: String?
    /// What is asked.
    public var target: QuantityReference
    /// The text of `ask` as written.
    public var ask: String
    /// Points available.
    public var points: Double
    /// How answers are compared.
    public var policy: ComparisonPolicy
    /// Whether the expected value may be shown to students.
    public var showKey: Bool
    /// The scenario name.
    public var scenario: String
    /// Per-question variations of the scenario (a different label, learning rate, …).
    public var variation: ScenarioVariation
    /// The instructor's own key, if the file has one (checked by `nncheck verify`).
    public var instructorKey: Tensor?
    /// Where the question starts in the problem file.
    public var location: SourceLocation
    /// Where the instructor's key is written, if any.
    public var keyLocation: SourceLocation?
}
