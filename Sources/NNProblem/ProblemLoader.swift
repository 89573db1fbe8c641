import NNCore
import NNYAML
import NNOutput

/// Loads and validates problem files. Every error is an `InputError` located at the offending node.
public enum ProblemLoader {
    static let topKeys = ["nncheck", "id", "title", "course", "source", "notes", "show_key", "defaults",
                          "scenarios", "questions"] + ScenarioLoader.scenarioKeys
    static let questionKeys = ["id", "kind", "text", "ask", "points", "tolerance", "show_key", "scenario", "given",
                               "answer", "partial_credit", "vector_orientation", "detect_transpose"]
    static let givenKeys = ["x", "y", "learning_rate", "steps", "loss", "relu_derivative_at_zero", "graph_inputs"]

    /// The largest training run a key may need, in weight × sample × step units (about a second).
    public static let maximumTrainingWork = 2_000_000_000

    /// Reads and validates a problem file from disk.
    public static func load(path: String, displayName: String? = nil, limits: YAMLLimits = .problemFile) throws(InputError) -> Problem {
        let root = try YAMLReader.read(contentsOf: path, displayName: displayName, limits: limits)
        return try problem(from: root, file: displayName ?? path)
    }

    /// Reads and validates a problem from bytes.
    public static func load(bytes: [UInt8], file: String, limits: YAMLLimits = .problemFile) throws(InputError) -> Problem {
        try problem(from: YAMLReader.read(bytes, file: file, limits: limits), file: file)
    }

    /// Builds a problem from a YAML tree.
    public static func problem(from root: YAMLNode, file: String) throws(InputError) -> Problem {
        let pairs = try root.mapping("the problem file")
        try YAMLValues.checkKeys(pairs, allowed: topKeys, in: "the problem file")
        if let v = root["nncheck"] {
            let version = try YAMLValues.integer(v, "nncheck (format version)", range: 1...1_000)
            guard version == 1 else { throw InputError(at: v.location, "format version \(version) is newer than this nncheck understands (1)") }
        }
        guard let idNode = root["id"] else { throw InputError(at: root.location, "the problem file has no 'id'") }
        let id = try YAMLValues.string(idNode, "id")
        guard Self.isValidIdentifier(id) else {
            throw InputError(at: idNode.location, "id '\(YAMLValues.clip(id))' may contain only letters, digits, '.', '_' and '-' (at most 100)")
        }
        let title = try root["title"].map { n throws(InputError) in try YAMLValues.string(n, "title") } ?? id
        let course = try root["course"].map { n throws(InputError) in try YAMLValues.string(n, "course") }
        let source = try root["source"].map { n throws(InputError) in try YAMLValues.string(n, "source") }
        let notes = try root["notes"].map { n throws(InputError) in try YAMLValues.string(n, "notes") }
        let showKey = try root["show_key"].map { n throws(InputError) in try YAMLValues.bool(n, "show_key") } ?? false
        let defaults = try Defaults.read(root["defaults"])

        var scenarios: [String: Scenario] = ["default": try ScenarioLoader.read(root, base: nil, what: "the default scenario")]
        if let sn = root["scenarios"] {
            for p in try sn.mapping("scenarios") {
                guard p.key.text != "default" else { throw InputError(at: p.key.location, "'default' is the top-level scenario; choose another name") }
                try YAMLValues.checkKeys(try p.value.mapping("scenario \(p.key.text)"), allowed: ScenarioLoader.scenarioKeys,
                                         in: "scenario \(p.key.text)")
                scenarios[p.key.text] = try ScenarioLoader.read(p.value, base: scenarios["default"], what: "scenario \(p.key.text)")
            }
        }

        guard let qn = root["questions"] else { throw InputError(at: root.location, "the problem file has no 'questions'") }
        let items = try qn.sequence("questions")
        guard !items.isEmpty else { throw InputError(at: qn.location, "questions is empty") }
        var questions: [Question] = []
        var declarations: [QuestionDeclaration] = []
        var seen: [String: SourceLocation] = [:]
        for (i, item) in items.enumerated() {
            let q = try declaration(item, index: i, defaults: defaults, showKey: showKey, scenarios: scenarios)
            if let first = seen[q.id] {
                throw InputError(at: q.location, "question id '\(q.id)' is used twice (first at line \(first.line))")
            }
            seen[q.id] = q.location
            if let numeric = q.numeric { questions.append(numeric) }
            declarations.append(q)
        }
        return Problem(id: id, title: title, course: course, source: source, notes: notes, scenarios: scenarios,
                       questions: questions, declarations: declarations, showKey: showKey, file: file)
    }

    static func isValidIdentifier(_ s: String) -> Bool {
        !s.isEmpty && s.count <= 100 && s.unicodeScalars.allSatisfy {
            ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "." || $0 == "_" || $0 == "-"
        } && s != "." && s != ".."
    }

    /// File-wide defaults for questions.
    struct Defaults {
        var points: Double = 1
        var policy = ComparisonPolicy()

        static func read(_ node: YAMLNode?) throws(InputError) -> Defaults {
            var d = Defaults()
            guard let node else { return d }
            try YAMLValues.checkKeys(try node.mapping("defaults"),
                                     allowed: ["points", "tolerance", "partial_credit", "vector_orientation", "detect_transpose"], in: "defaults")
            if let p = node["points"] { d.points = try ProblemLoader.points(p) }
            d.policy = try ProblemLoader.policy(node, base: d.policy, what: "defaults")
            return d
        }
    }

    static func points(_ node: YAMLNode) throws(InputError) -> Double {
        let v = try YAMLValues.number(node, "points")
        guard v > 0, v <= 1_000_000 else { throw InputError(at: node.location, "points must be positive, got \(NumberFormatting.short(v))") }
        return v
    }

    static func policy(_ node: YAMLNode, base: ComparisonPolicy, what: String) throws(InputError) -> ComparisonPolicy {
        var p = base
        if let t = node["tolerance"] { p.tolerance = try ToleranceParser.read(t, "\(what) tolerance") }
        if let n = node["partial_credit"] { p.partialCredit = try YAMLValues.bool(n, "partial_credit") }
        if let n = node["vector_orientation"] {
            p.vectorOrientation = try ScenarioLoader.enumValue(n, VectorLeniency.self, "vector_orientation") ?? .lenient
        }
        if let n = node["detect_transpose"] { p.detectTranspose = try YAMLValues.bool(n, "detect_transpose") }
        return p
    }

    /// Reads one question: the fields every kind shares, and for a numeric question the rest.
    /// Other kinds check and read their own keys (NNGrade's `QuestionKind`).
    static func declaration(_ node: YAMLNode, index: Int, defaults: Defaults, showKey: Bool,
                            scenarios: [String: Scenario]) throws(InputError) -> QuestionDeclaration {
        let what = "question \(index + 1)"
        _ = try node.mapping(what)
        var kind = QuestionDeclaration.defaultKind
        if let k = node["kind"] {
            kind = try YAMLValues.string(k, "\(what) kind").trimmingWhitespace()
            guard isValidIdentifier(kind) else { throw InputError(at: k.location, "\(what): '\(YAMLValues.clip(kind))' is not a question kind") }
        }
        guard kind == QuestionDeclaration.defaultKind else {
            let id = try questionID(node, what: what)
            let label = "question \(id)"
            var points = defaults.points
            if let p = node["points"] { points = try Self.points(p) }
            let show = try node["show_key"].map { n throws(InputError) in try YAMLValues.bool(n, "show_key") } ?? showKey
            return QuestionDeclaration(id: id, kind: kind, kindLocation: node["kind"]?.location,
                                       text: try node["text"].map { n throws(InputError) in try YAMLValues.string(n, "\(label) text") },
                                       points: points, showKey: show, node: node, location: node.location)
        }
        let q = try question(node, index: index, defaults: defaults, showKey: showKey, scenarios: scenarios)
        return QuestionDeclaration(q, node: node, kindLocation: node["kind"]?.location)
    }

    /// A question's id: 1 to 64 characters on one line.
    static func questionID(_ node: YAMLNode, what: String) throws(InputError) -> String {
        guard let idNode = node["id"] else { throw InputError(at: node.location, "\(what) has no 'id'") }
        let id = try YAMLValues.string(idNode, "\(what) id").trimmingWhitespace()
        guard !id.isEmpty, id.count <= 64, !id.contains(where: { $0.isNewline }) else {
            throw InputError(at: idNode.location, "\(what) id must be 1 to 64 characters on one line")
        }
        return id
    }

    static func question(_ node: YAMLNode, index: Int, defaults: Defaults, showKey: Bool,
                         scenarios: [String: Scenario]) throws(InputError) -> Question {
        let what = "question \(index + 1)"
        let pairs = try node.mapping(what)
        try YAMLValues.checkKeys(pairs, allowed: questionKeys, in: what)
        let id = try questionID(node, what: what)
        let label = "question \(id)"
        let scenarioName = try node["scenario"].map { n throws(InputError) in try YAMLValues.string(n, "\(label) scenario") } ?? "default"
        guard var scenario = scenarios[scenarioName] else {
            throw InputError(at: node["scenario"]?.location ?? node.location,
                             "\(label) uses scenario '\(YAMLValues.clip(scenarioName))', which is not defined; defined: \(scenarios.keys.sorted().joined(separator: ", "))")
        }
        var variation = ScenarioVariation()
        if let g = node["given"] {
            variation = try Self.variation(g, label: label, scenario: scenario)
            scenario = variation.applied(to: scenario)
        }
        guard let askNode = node["ask"] else { throw InputError(at: node.location, "\(label) has no 'ask'") }
        let ask = try YAMLValues.string(askNode, "\(label) ask")
        let target: QuantityReference
        do {
            target = try QuantityParser.parse(ask, parameterNames: Set(scenario.network?.parameterNames.keys ?? [:].keys),
                                              functionNames: Set(scenario.functions.keys))
        } catch {
            throw InputError(at: askNode.location, "\(label): \(error.message)")
        }
        try checkAnswerable(target, scenario: scenario, at: askNode.location, label: label)
        if case .updated = target.quantity, scenario.trainingWork > maximumTrainingWork {
            throw InputError(at: askNode.location, "\(label): training \(scenario.steps) steps on \(scenario.samples.count) samples with \(scenario.network?.network.parameterCount ?? 0) weights is more than nncheck computes for a key (at most \(maximumTrainingWork) weight-sample-steps)")
        }
        var points = defaults.points
        if let p = node["points"] { points = try Self.points(p) }
        let policy = try Self.policy(node, base: defaults.policy, what: label)
        let show = try node["show_key"].map { n throws(InputError) in try YAMLValues.bool(n, "show_key") } ?? showKey
        var key: Tensor?
        if let k = node["answer"] { key = try tensor(k, "\(label) answer") }
        return Question(id: id, text: try node["text"].map { n throws(InputError) in try YAMLValues.string(n, "\(label) text") },
                        target: target, ask: ask, points: points, policy: policy, showKey: show, scenario: scenarioName,
                        variation: variation, instructorKey: key, location: node.location, keyLocation: node["answer"]?.location)
    }

    static func variation(_ node: YAMLNode, label: String, scenario: Scenario) throws(InputError) -> ScenarioVariation {
        try YAMLValues.checkKeys(try node.mapping("\(label) given"), allowed: givenKeys, in: "\(label) given")
        var v = ScenarioVariation()
        if let n = node["x"] {
            v.input = try YAMLValues.vector(n, "\(label) given x")
            if let size = scenario.network?.network.inputSize, v.input?.count != size {
                throw InputError(at: n.location, "\(label) given x has \(v.input?.count ?? 0) entries but the network takes \(size)")
            }
        }
        if let n = node["y"] {
            v.target = try YAMLValues.vector(n, "\(label) given y")
            if let size = scenario.network?.network.outputSize, v.target?.count != size {
                throw InputError(at: n.location, "\(label) given y has \(v.target?.count ?? 0) entries but the network has \(size) outputs")
            }
        }
        if let n = node["learning_rate"] { v.learningRate = try YAMLValues.number(n, "\(label) given learning_rate") }
        if let n = node["steps"] { v.steps = try YAMLValues.integer(n, "\(label) given steps", range: 0...100_000) }
        if let n = node["loss"] { v.loss = try ScenarioLoader.loss(n) }
        if let n = node["relu_derivative_at_zero"] { v.reluDerivativeAtZero = try YAMLValues.number(n, "relu_derivative_at_zero") }
        if let n = node["graph_inputs"] {
            var g: [String: Double] = [:]
            for p in try n.mapping("\(label) given graph_inputs") {
                guard scenario.graph?.inputs[p.key.text] != nil else {
                    throw InputError(at: p.key.location, "\(label): the graph has no input '\(YAMLValues.clip(p.key.text))'")
                }
                g[p.key.text] = try YAMLValues.number(p.value, "graph input \(p.key.text)")
            }
            v.graphInputs = g
        }
        return v
    }

    /// Checks at load time that the scenario has what the question needs, so that `verify`
    /// reports unanswerable questions with their position.
    static func checkAnswerable(_ ref: QuantityReference, scenario: Scenario, at loc: SourceLocation, label: String) throws(InputError) {
        func needNetwork() throws(InputError) -> NetworkSpec {
            guard let n = scenario.network else { throw InputError(at: loc, "\(label) asks for \(ref) but the scenario has no network") }
            return n
        }
        func needLayer(_ l: Int) throws(InputError) {
            let n = try needNetwork().network.layers.count
            guard l <= n else { throw InputError(at: loc, "\(label) asks for \(ref) but the network has \(n) layers") }
        }
        func needData() throws(InputError) {
            guard !scenario.samples.isEmpty else { throw InputError(at: loc, "\(label) asks for \(ref) but the scenario has no data") }
        }
        func needLoss() throws(InputError) {
            try needData()
            guard scenario.loss != nil else { throw InputError(at: loc, "\(label) asks for \(ref) but the scenario has no loss") }
            guard scenario.samples.allSatisfy({ !$0.target.isEmpty }) else {
                throw InputError(at: loc, "\(label) asks for \(ref) but the data has no target y")
            }
        }
        func check(_ q: Quantity) throws(InputError) {
            switch q {
            case .input, .target: try needData()
            case .output: _ = try needNetwork(); try needData()
            case .loss, .gradOutput, .gradInput: _ = try needNetwork(); try needLoss()
            case .preActivation(let l), .activation(let l): try needLayer(l); try needData()
            case .activationJacobian(let l):
                try needLayer(l)
                try needData()
                // The Jacobian is units × units: 100,000 units would need 80 GB.
                let units = try needNetwork().network.layers[l - 1].outputSize
                guard units <= 1000 else {
                    throw InputError(at: loc, "\(label) asks for \(ref), a \(units)×\(units) matrix; Jacobians are limited to layers of at most 1000 units")
                }
            case .weights(let l): try needLayer(l)
            case .bias(let l):
                try needLayer(l)
                if try needNetwork().network.layers[l - 1].bias == nil { throw InputError(at: loc, "\(label) asks for b\(l) but layer \(l) has no bias") }
            case .delta(let l), .gradActivation(let l), .gradWeights(let l), .gradBias(let l): try needLayer(l); try needLoss()
            case .affineJacobian(let l): try needLayer(l + 1)
            case .parameter: _ = try needNetwork()
            case .gradParameter: _ = try needNetwork(); try needLoss()
            case .updated(let inner):
                try check(inner)
                try needLoss()
                guard scenario.training != nil else { throw InputError(at: loc, "\(label) asks for \(ref) but the scenario has no training.learning_rate") }
            case .graphValue(let n):
                guard let g = scenario.graph else { throw InputError(at: loc, "\(label) asks for \(ref) but the scenario has no graph") }
                guard g.order.contains(n) else { throw InputError(at: loc, "\(label): the graph has no node '\(n)'") }
            case .graphGradient(let of, let wrt):
                guard let g = scenario.graph else { throw InputError(at: loc, "\(label) asks for \(ref) but the scenario has no graph") }
                for n in [of, wrt] where !g.order.contains(n) { throw InputError(at: loc, "\(label): the graph has no node '\(n)'") }
            case .functionValue, .functionDerivative: break
            }
        }
        try check(ref.quantity)
    }

    /// Reads a key value: a number, a list, a list of rows, or text in the answer grammar.
    static func tensor(_ node: YAMLNode, _ what: String) throws(InputError) -> Tensor {
        switch node {
        case .scalar: return try YAMLValues.tensorText(node, what)
        case .sequence(let items, _):
            if items.allSatisfy({ if case .scalar = $0 { return true } else { return false } }) {
                return Tensor(vector: try YAMLValues.vector(node, what))
            }
            return Tensor(try YAMLValues.matrix(node, what))
        case .mapping(_, let loc):
            throw InputError(at: loc, "\(what) must be a number or a list, not a mapping")
        }
    }
}
