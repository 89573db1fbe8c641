import NNCore
import NNProblem
import NNYAML

/// `kind: function`: the answer is a function of x in the formula language (`abs(x-1)`,
/// `if(x > 1, x - 1, 1 - x)`), compared with `target` on a grid over `domain` plus random points
/// (`BehaviourGrader`). The target may use the activations and their derivatives
/// (`target: "relu'(x)"`) and the scenario's declared `functions`, iterated as `z^1000(x)`.
///
/// Keys: `target`, `domain: [lo, hi]`, `scenario` (for `functions`), `relative_tolerance`
/// (default 1e-6), `answer` (the instructor's function, checked by `verify`).
public struct FunctionQuestion: QuestionKind {
    public static let name = "function"
    static let keys = QuestionDeclaration.commonKeys + ["target", "domain", "scenario", "relative_tolerance", "answer"]

    public let declaration: QuestionDeclaration
    let grader: Result<BehaviourGrader, SolveError>
    /// Functions the answer may call by name.
    let functions: [String: Activation]
    let options: DifferentiationOptions
    let key: (formula: String, location: SourceLocation)?

    public init(_ declaration: QuestionDeclaration, context: KindContext) throws(InputError) {
        self.declaration = declaration
        let label = "question \(declaration.id)"
        guard let node = declaration.node else { throw InputError(at: declaration.location, "\(label) has no keys") }
        try YAMLValues.checkKeys(try node.mapping(label), allowed: Self.keys, in: label)
        let scenario = try KindKeys.scenario(node, context: context, label: label)
        var functions: [String: Activation] = [:]
        for (name, f) in scenario.functions { functions[name] = .custom(f.expression, source: f.source) }
        self.functions = functions
        options = scenario.options
        guard let targetNode = node["target"] else { throw InputError(at: node.location, "\(label) has no 'target'") }
        let target = try KindKeys.formula(targetNode, symbols: ["x"], functions: Set(functions.keys), label: "\(label) target")
        let domain = try KindKeys.domain(node, label: label)
        let rtol = try KindKeys.relativeTolerance(node, label: label)
        do {
            grader = .success(try BehaviourGrader(target: target, functions: functions, options: options, domain: domain,
                                                  seed: "\(context.problem.id)/\(declaration.id)", relativeTolerance: rtol))
        } catch {
            grader = .failure(error)
        }
        key = try node["answer"].map { n throws(InputError) in (try YAMLValues.string(n, "\(label) answer"), n.location) }
    }

    public var answerHint: String { "a function of x, e.g. abs(x - 1)" }

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
        guard let source = KindKeys.text(of: answer, result: &result) else { return result }
        let grade = self.grade(source, with: grader, showTarget: context.mayReveal(declaration))
        result.apply(grade, points: points(forFraction: grade.fraction))
        return result
    }

    func grade(_ source: String, with grader: BehaviourGrader, showTarget: Bool) -> FormulaGrade {
        let expression: Expression
        do {
            expression = try ExpressionParser.parseFormula(source, symbols: ["x"], functions: Set(functions.keys))
        } catch {
            return FormulaGrade(verdict: .unparseable, message: "column \(error.offset + 1) of the function: \(error.message)")
        }
        var environment = FormulaEnvironment(functions: functions, options: options)
        return grader.grade(what: "your function", showTarget: showTarget) { x in
            environment.symbols["x"] = Tensor(x)
            return Self.scalar(Result { () throws(FormulaError) -> Tensor in try expression.evaluateFormula(in: environment) })
        }
    }

    /// A formula's value as a number, or a shape error when it is not one.
    static func scalar(_ value: Result<Tensor, FormulaError>) -> Result<Double, FormulaError> {
        value.flatMap { t in
            guard let v = t.scalarValue else {
                return .failure(.shape("the function gives a \(FormulaAgreement.shapeText(t)) value, not a number"))
            }
            return .success(v)
        }
    }

    public func verify(requireKeys: Bool) -> [VerificationReport.Finding] {
        switch grader {
        case .failure(let e):
            return [.init(severity: .error, at: declaration.location, "question \(declaration.id): \(e.message)")]
        case .success(let g):
            guard let key else { return [] }
            let grade = self.grade(key.formula, with: g, showTarget: true)
            guard grade.verdict == .correct else {
                return [.init(severity: .error, at: key.location, "question \(declaration.id): the key function is \(grade.verdict.rawValue): \(grade.message)")]
            }
            return []
        }
    }
}
