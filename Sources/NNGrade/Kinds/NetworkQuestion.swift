import NNCore
import NNProblem
import NNYAML

/// `kind: network`: the student designs the weights of a fixed architecture so that the network
/// computes `target` on `domain`; graded by behaviour (`BehaviourGrader`). The answer is a
/// mapping of weights by layer in the course's layout: `{W1: [[-1, 1], [1, -1]], W2: [[0], [1], [1]]}`.
///
/// Keys: `target`, `domain`, `architecture` (`weight_layout`, `bias`, `layers: [{units, activation}]`;
/// one input x, one output), `relative_tolerance` (default 1e-6), `answer` (the instructor's
/// weights, checked by `verify`). The report names the worst point and the target there: the
/// target is what the question asks the network to compute.
public struct NetworkQuestion: QuestionKind {
    public static let name = "network"
    static let keys = QuestionDeclaration.commonKeys + ["target", "domain", "architecture", "scenario", "relative_tolerance", "answer"]

    public let declaration: QuestionDeclaration
    let grader: Result<BehaviourGrader, SolveError>
    let design: NetworkDesign
    let key: (weights: [String: Tensor], location: SourceLocation)?

    public init(_ declaration: QuestionDeclaration, context: KindContext) throws(InputError) {
        self.declaration = declaration
        let label = "question \(declaration.id)"
        guard let node = declaration.node else { throw InputError(at: declaration.location, "\(label) has no keys") }
        try YAMLValues.checkKeys(try node.mapping(label), allowed: Self.keys, in: label)
        let scenario = try KindKeys.scenario(node, context: context, label: label)
        var functions: [String: Activation] = [:]
        for (name, f) in scenario.functions { functions[name] = .custom(f.expression, source: f.source) }
        guard let targetNode = node["target"] else { throw InputError(at: node.location, "\(label) has no 'target'") }
        let target = try KindKeys.formula(targetNode, symbols: ["x"], functions: Set(functions.keys), label: "\(label) target")
        let domain = try KindKeys.domain(node, label: label)
        design = try Self.architecture(node, label: label)
        let rtol = try KindKeys.relativeTolerance(node, label: label)
        do {
            grader = .success(try BehaviourGrader(target: target, functions: functions, options: scenario.options, domain: domain,
                                                  seed: "\(context.problem.id)/\(declaration.id)", relativeTolerance: rtol))
        } catch {
            grader = .failure(error)
        }
        if let k = node["answer"] {
            var weights: [String: Tensor] = [:]
            for pair in try k.mapping("\(label) answer") {
                weights[pair.key.text] = try Self.tensor(pair.value, "\(label) answer \(pair.key.text)")
            }
            key = (weights, k.location)
        } else {
            key = nil
        }
    }

    static func tensor(_ node: YAMLNode, _ what: String) throws(InputError) -> Tensor {
        switch node {
        case .sequence(let items, _):
            if items.allSatisfy({ if case .scalar = $0 { return true } else { return false } }) {
                return Tensor(vector: try YAMLValues.vector(node, what))
            }
            return Tensor(try YAMLValues.matrix(node, what))
        default:
            return Tensor(try YAMLValues.number(node, what))
        }
    }

    /// Reads `architecture`.
    static func architecture(_ node: YAMLNode, label: String) throws(InputError) -> NetworkDesign {
        guard let a = node["architecture"] else { throw InputError(at: node.location, "\(label) has no 'architecture'") }
        let what = "\(label) architecture"
        try YAMLValues.checkKeys(try a.mapping(what), allowed: ["weight_layout", "bias", "layers"], in: what)
        let layout = try a["weight_layout"].map { n throws(InputError) -> WeightLayout in
            guard let v = WeightLayout(rawValue: try YAMLValues.string(n, "\(what) weight_layout")) else {
                throw InputError(at: n.location, "\(what): weight_layout must be out_in or in_out")
            }
            return v
        } ?? .outIn
        let bias = try a["bias"].map { n throws(InputError) -> BiasPlacement in
            guard let v = BiasPlacement(rawValue: try YAMLValues.string(n, "\(what) bias")) else {
                throw InputError(at: n.location, "\(what): bias must be separate or folded")
            }
            return v
        } ?? .separate
        guard let layersNode = a["layers"] else { throw InputError(at: a.location, "\(what) has no 'layers'") }
        let items = try layersNode.sequence("\(what) layers")
        guard !items.isEmpty, items.count <= 20 else { throw InputError(at: layersNode.location, "\(what): 1 to 20 layers") }
        var layers: [(units: Int, activation: Activation)] = []
        for (i, item) in items.enumerated() {
            let lw = "\(what) layer \(i + 1)"
            try YAMLValues.checkKeys(try item.mapping(lw), allowed: ["units", "activation"], in: lw)
            guard let u = item["units"] else { throw InputError(at: item.location, "\(lw) has no 'units'") }
            let units = try YAMLValues.integer(u, "\(lw) units", range: 1...1000)
            guard let act = item["activation"] else { throw InputError(at: item.location, "\(lw) has no 'activation'") }
            layers.append((units, try ScenarioLoader.activation(act, "\(lw) activation")))
        }
        guard layers[layers.count - 1].units == 1 else {
            throw InputError(at: layersNode.location, "\(what): the last layer must have 1 unit (the network computes one number)")
        }
        return NetworkDesign(layers: layers, layout: layout, biasPlacement: bias)
    }

    public var answerHint: String {
        let shapes = design.layers.indices.map { l -> String in
            let (r, c) = design.shape(ofLayer: l)
            return "W\(l + 1): \(r)×\(c)"
        }
        return "the weights {" + shapes.joined(separator: ", ") + "} (\(design.layout.rawValue) layout)"
    }

    public var isKeyed: Bool { key != nil }

    public func answer(in submission: Submission) -> AnswerEntry? { submission.answers[declaration.id] }

    public func grade(_ answer: AnswerEntry?, context: inout GradingContext) -> QuestionResult {
        var result = blankResult(verdict: .missing, given: answer?.text ?? "", message: "")
        guard case .success(let grader) = grader else {
            if case .failure(let e) = grader {
                result.verdict = .ungraded
                result.message = "the key could not be computed: \(e.message)"
            }
            return result
        }
        result.tolerance = "relative \(NumberFormatting.short(grader.relativeTolerance)) at \(grader.points.count) points"
        switch answer {
        case nil:
            result.message = "no answer given"
        case .blank:
            result.message = "the answer is empty"
        case .value, .unparseable:
            result.verdict = .unparseable
            result.message = "the answer must be the weights by layer, e.g. {W1: [[…]], W2: [[…]]}"
        case .fields(let fields, _, _):
            var weights: [String: Tensor] = [:]
            for (name, entry) in fields.sorted(by: { $0.key < $1.key }) {
                switch entry {
                case .value(let t, _): weights[name] = t
                case .unparseable(let message, _, let loc):
                    result.verdict = .unparseable
                    result.message = "\(loc.line):\(loc.column): cannot read \(name): \(message)"
                    return result
                case .blank, .fields:
                    result.verdict = .unparseable
                    result.message = "\(name) must be a matrix"
                    return result
                }
            }
            let grade = self.grade(weights, with: grader)
            result.apply(grade, points: points(forFraction: grade.fraction))
        }
        return result
    }

    func grade(_ weights: [String: Tensor], with grader: BehaviourGrader) -> FormulaGrade {
        switch design.network(from: weights) {
        case .rejected(let grade): return grade
        case .network(let network):
            return grader.grade(what: "your network", showTarget: true) { x in
                Result { () throws(NetworkError) -> Double in try network.forward([x]).output[0] }
                    .mapError { FormulaError.domain($0.message) }
            }
        }
    }

    public func verify(requireKeys: Bool) -> [VerificationReport.Finding] {
        switch grader {
        case .failure(let e):
            return [.init(severity: .error, at: declaration.location, "question \(declaration.id): \(e.message)")]
        case .success(let g):
            guard let key else { return [] }
            let grade = self.grade(key.weights, with: g)
            guard grade.verdict == .correct else {
                return [.init(severity: .error, at: key.location, "question \(declaration.id): the key network is \(grade.verdict.rawValue): \(grade.message)")]
            }
            return []
        }
    }
}
