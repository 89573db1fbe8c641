import NNCore
import NNProblem
import NNYAML

/// `kind: formula`: the answer is a formula in the network's symbols (`delta2 * a1^T`, or LaTeX
/// `\frac{2}{N}(\hat{y} - y)`), graded by what it computes: it is evaluated with the solver's
/// value of `ask` on random instances of the scenario (`FormulaGrader`).
///
/// Keys: `ask` (any numeric ask), `scenario`, `symbols` (the names a student may use; default:
/// every quantity of the scenario), `constants` (`{N: 1, K: 2}`), `activations` (function
/// names for layers, `{f: 1, g: 2}`, besides `f1`, `f2`, …), `instances` (20 to 200, default 20),
/// `relative_tolerance` (default 1e-6), and `answer` (the instructor's formula, checked by `verify`).
public struct FormulaQuestion: QuestionKind {
    public static let name = "formula"
    static let keys = QuestionDeclaration.commonKeys
        + ["ask", "scenario", "symbols", "constants", "activations", "instances", "relative_tolerance", "answer"]

    public let declaration: QuestionDeclaration
    /// The grader with its drawn instances, or why the key cannot be computed.
    let grader: Result<FormulaGrader, SolveError>
    /// The ask as written.
    let ask: String
    /// The instructor's formula and where it is written, if any.
    let key: (formula: String, location: SourceLocation)?

    public init(_ declaration: QuestionDeclaration, context: KindContext) throws(InputError) {
        self.declaration = declaration
        let label = "question \(declaration.id)"
        guard let node = declaration.node else { throw InputError(at: declaration.location, "\(label) has no keys") }
        try YAMLValues.checkKeys(try node.mapping(label), allowed: Self.keys, in: label)
        let scenario = try KindKeys.scenario(node, context: context, label: label)
        guard let spec = scenario.network else {
            throw InputError(at: node["scenario"]?.location ?? node.location, "\(label): a formula question needs a scenario with a network")
        }
        guard let askNode = node["ask"] else { throw InputError(at: node.location, "\(label) has no 'ask'") }
        ask = try YAMLValues.string(askNode, "\(label) ask")
        let target: QuantityReference
        do {
            target = try QuantityParser.parse(ask, parameterNames: Set(spec.parameterNames.keys),
                                              functionNames: Set(scenario.functions.keys))
        } catch {
            throw InputError(at: askNode.location, "\(label): \(error.message)")
        }
        let all = FormulaSymbols.quantities(for: spec, hasLoss: scenario.loss != nil)
        var symbols = all
        if let list = node["symbols"] {
            symbols = [:]
            for item in try list.sequence("\(label) symbols") {
                let name = try YAMLValues.string(item, "\(label) symbol")
                guard let quantity = all[name] else {
                    throw InputError(at: item.location, "\(label): unknown symbol '\(YAMLValues.clip(name))'; the scenario has: \(all.keys.sorted().joined(separator: ", "))")
                }
                symbols[name] = quantity
            }
        }
        var constants: [String: Double] = [:]
        if let c = node["constants"] {
            for pair in try c.mapping("\(label) constants") {
                guard KindKeys.isName(pair.key.text), all[pair.key.text] == nil else {
                    throw InputError(at: pair.key.location, "\(label): constant '\(YAMLValues.clip(pair.key.text))' must be a new name of letters, digits and _")
                }
                constants[pair.key.text] = try YAMLValues.number(pair.value, "\(label) constant \(pair.key.text)")
            }
        }
        var activations: [String: Int] = [:]
        if let a = node["activations"] {
            for pair in try a.mapping("\(label) activations") {
                guard KindKeys.isName(pair.key.text) else {
                    throw InputError(at: pair.key.location, "\(label): '\(YAMLValues.clip(pair.key.text))' is not a function name")
                }
                activations[pair.key.text] = try YAMLValues.integer(pair.value, "\(label) activation \(pair.key.text)",
                                                                    range: 1...spec.network.layers.count)
            }
        }
        let instances = try node["instances"].map { n throws(InputError) in try YAMLValues.integer(n, "\(label) instances", range: 20...200) } ?? 20
        let rtol = try KindKeys.relativeTolerance(node, label: label)
        let setting = FormulaSetting(target: target, symbols: symbols, constants: constants, activations: activations,
                                     instances: instances, seed: "\(context.problem.id)/\(declaration.id)")
        do {
            grader = .success(try FormulaGrader(setting: setting, scenario: scenario, relativeTolerance: rtol))
        } catch {
            grader = .failure(error)
        }
        key = try node["answer"].map { n throws(InputError) in (try YAMLValues.string(n, "\(label) answer"), n.location) }
    }

    public var answerHint: String {
        let names = (try? grader.get())?.symbolNames.sorted().joined(separator: ", ") ?? ""
        return "asks \(AnswerTemplate.oneLine(ask)) as a formula in \(names)"
    }

    public var isKeyed: Bool { key != nil }

    public func answer(in submission: Submission) -> AnswerEntry? { submission.answers[declaration.id] }

    public func grade(_ answer: AnswerEntry?, context: inout GradingContext) -> QuestionResult {
        var result = blankResult(verdict: .missing, given: answer?.text ?? "", message: "")
        let grader: FormulaGrader
        switch self.grader {
        case .failure(let e):
            result.verdict = .ungraded
            result.message = "the key could not be computed: \(e.message)"
            return result
        case .success(let g): grader = g
        }
        result.tolerance = "relative \(NumberFormatting.short(grader.relativeTolerance)) on \(grader.instances.count) random instances"
        let reveal = context.mayReveal(declaration)
        if reveal, let own = grader.own { result.expected = .value(own.reference) }
        guard let source = KindKeys.text(of: answer, result: &result) else { return result }
        let grade = grader.grade(source, reveal: reveal)
        result.apply(grade, points: points(forFraction: grade.fraction))
        return result
    }

    public func verify(requireKeys: Bool) -> [VerificationReport.Finding] {
        switch grader {
        case .failure(let e):
            return [.init(severity: .error, at: declaration.location, "question \(declaration.id): \(e.message)")]
        case .success(let g):
            guard let key else {
                return requireKeys ? [.init(severity: .error, at: declaration.location, "question \(declaration.id) has no answer: formula")] : []
            }
            let grade = g.grade(key.formula, reveal: true)
            guard grade.verdict == .correct else {
                return [.init(severity: .error, at: key.location,
                              "question \(declaration.id): the key formula is \(grade.verdict.rawValue): \(grade.message)")]
            }
            return []
        }
    }
}
