import NNCore
import NNYAML

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

/// Everything a question can be computed from: a network with its conventions and data, a
/// computational graph, and named scalar functions.
public struct Scenario: Sendable, Hashable {
    /// The network, with the course's storage conventions.
    public var network: NetworkSpec?
    /// Training/evaluation data.
    public var samples: [Sample]
    /// The loss.
    public var loss: Loss?
    /// SGD settings.
    public var training: SGD?
    /// Number of SGD steps that "updated" quantities refer to.
    public var steps: Int
    /// Derivative conventions at kinks.
    public var options: DifferentiationOptions
    /// A scalar computational graph with its input values.
    public var graph: GraphSpec?
    /// Named scalar functions of `x` (e.g. seed 000's activation z), for value/derivative questions.
    public var functions: [String: FunctionSpec]

    /// Creates a scenario.
    public init(network: NetworkSpec? = nil, samples: [Sample] = [], loss: Loss? = nil, training: SGD? = nil,
                steps: Int = 1, options: DifferentiationOptions = .init(), graph: GraphSpec? = nil,
                functions: [String: FunctionSpec] = [:]) {
        self.network = network
        self.samples = samples
        self.loss = loss
        self.training = training
        self.steps = steps
        self.options = options
        self.graph = graph
        self.functions = functions
    }
}

extension Scenario {
    /// The cost of the scenario's training run: steps × samples per step × weights.
    public var trainingWork: Int {
        guard let net = network?.network, training != nil else { return 0 }
        let perStep = training?.schedule == .perSample ? 1 : samples.count
        let (a, o1) = steps.multipliedReportingOverflow(by: max(perStep, 1))
        let (b, o2) = a.multipliedReportingOverflow(by: net.parameterCount)
        return o1 || o2 ? Int.max : b
    }
}

/// A computational graph and the values of its inputs.
public struct GraphSpec: Sendable {
    /// The graph.
    public var graph: ComputationGraph
    /// Input values.
    public var inputs: [String: Double]
    /// Node names in definition order (inputs first), for tables.
    public var order: [String]
}

extension GraphSpec: Hashable {
    public static func == (lhs: GraphSpec, rhs: GraphSpec) -> Bool { lhs.inputs == rhs.inputs && lhs.order == rhs.order }
    public func hash(into hasher: inout Hasher) { hasher.combine(order) }
}

/// A named scalar function f(x) given as an expression.
public struct FunctionSpec: Sendable, Hashable {
    /// The expression in `x`.
    public var expression: Expression
    /// The text it was written as.
    public var source: String
}

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

/// Changes a question makes to its scenario, e.g. seed 000's 1.3 asks with label y = 1.
public struct ScenarioVariation: Sendable, Hashable {
    /// Replacement input (single sample).
    public var input: [Double]?
    /// Replacement target (applied to every sample).
    public var target: [Double]?
    /// Replacement learning rate.
    public var learningRate: Double?
    /// Replacement number of steps.
    public var steps: Int?
    /// Replacement loss.
    public var loss: Loss?
    /// Replacement ReLU'(0).
    public var reluDerivativeAtZero: Double?
    /// Replacement graph input values.
    public var graphInputs: [String: Double]?

    /// No variation.
    public init() {}

    /// Whether nothing is varied.
    public var isEmpty: Bool { self == ScenarioVariation() }

    /// The scenario with this variation applied.
    public func applied(to base: Scenario) -> Scenario {
        var s = base
        if let x = input { s.samples = [Sample(input: x, target: s.samples.first?.target ?? target ?? [])] }
        if let y = target { s.samples = s.samples.map { Sample(input: $0.input, target: y) } }
        if let lr = learningRate { s.training = SGD(learningRate: lr, momentum: s.training?.momentum ?? 0,
                                                    schedule: s.training?.schedule ?? .batch) }
        if let k = steps { s.steps = k }
        if let l = loss { s.loss = l }
        if let r = reluDerivativeAtZero { s.options.reluDerivativeAtZero = r }
        if let g = graphInputs, var graph = s.graph {
            graph.inputs.merge(g) { _, new in new }
            s.graph = graph
        }
        return s
    }
}
