import NNCore
import NNProblem
import NNYAML

/// `kind: choice`: one option from `options` (or, with `multiple: true`, a list of them, scored
/// per option). The key is written (`answer: smaller`), or computed by the solver by comparing
/// two numeric questions' keys (`answer: {compare: ["1.3", "1.2"], labels: {less: smaller,
/// greater: bigger, equal: same}}`); with both, `answer` is written and `computed` holds the
/// comparison, and `verify` checks that they agree.
public struct ChoiceQuestion: QuestionKind {
    public static let name = "choice"
    static let keys = QuestionDeclaration.commonKeys + ["options", "multiple", "answer", "computed"]
    static let relations = ["less", "greater", "equal"]

    public let declaration: QuestionDeclaration
    /// The options as written.
    public let options: [String]
    /// Whether a list of options is asked for.
    public let multiple: Bool
    /// The instructor's written key (options as written), if any.
    public let writtenKey: [String]?
    /// Where the written key is.
    let writtenKeyLocation: SourceLocation?
    /// The key computed by the solver, or why it could not be; nil when the key is only written.
    public let computedKey: Result<[String], SolveError>?

    public init(_ declaration: QuestionDeclaration, context: KindContext) throws(InputError) {
        guard let node = declaration.node else { throw InputError(at: declaration.location, "question \(declaration.id) has no body") }
        let label = "question \(declaration.id)"
        try YAMLValues.checkKeys(try node.mapping(label), allowed: Self.keys, in: label)
        guard let optionsNode = node["options"] else { throw InputError(at: node.location, "\(label) has no 'options'") }
        var options: [String] = []
        for item in try optionsNode.sequence("\(label) options") {
            let option = try YAMLValues.string(item, "\(label) option").trimmingWhitespace()
            guard !option.isEmpty else { throw InputError(at: item.location, "\(label): an option is empty") }
            guard !options.contains(where: { WrittenAnswer.normalized($0) == WrittenAnswer.normalized(option) }) else {
                throw InputError(at: item.location, "\(label): option '\(YAMLValues.clip(option))' is listed twice")
            }
            options.append(option)
        }
        guard options.count >= 2 else { throw InputError(at: optionsNode.location, "\(label): options must list at least two choices") }
        self.declaration = declaration
        self.options = options
        self.multiple = try node["multiple"].map { n throws(InputError) in try YAMLValues.bool(n, "\(label) multiple") } ?? false

        var written: [String]?
        var computed: Result<[String], SolveError>?
        if let answer = node["answer"] {
            if case .mapping = answer {
                computed = try Self.computed(answer, label: label, options: options, context: context)
            } else {
                written = try Self.written(answer, label: label, options: options, multiple: multiple)
            }
        }
        if let c = node["computed"] {
            guard computed == nil else { throw InputError(at: c.location, "\(label): the key is computed twice ('answer' and 'computed')") }
            computed = try Self.computed(c, label: label, options: options, context: context)
        }
        guard written != nil || computed != nil else { throw InputError(at: node.location, "\(label) has no 'answer'") }
        self.writtenKey = written
        self.writtenKeyLocation = node["answer"]?.location
        self.computedKey = computed
    }

    /// A written key: one option, or with `multiple` a list of options.
    static func written(_ node: YAMLNode, label: String, options: [String], multiple: Bool) throws(InputError) -> [String] {
        let items: [YAMLNode]
        if case .sequence(let list, _) = node {
            guard multiple else { throw InputError(at: node.location, "\(label): the answer is a list, but the question asks for one option (set multiple: true)") }
            items = list
        } else {
            items = [node]
        }
        var key: [String] = []
        for item in items {
            let text = try YAMLValues.string(item, "\(label) answer")
            guard let option = match(text, in: options) else {
                throw InputError(at: item.location, "\(label): the answer '\(YAMLValues.clip(text))' is not one of: \(options.joined(separator: ", "))")
            }
            if !key.contains(option) { key.append(option) }
        }
        return key
    }

    /// A computed key: `{compare: [a, b], labels: {less: …, greater: …, equal: …}}`, the label of
    /// how question a's key compares with question b's (equal within a's tolerance).
    static func computed(_ node: YAMLNode, label: String, options: [String],
                         context: KindContext) throws(InputError) -> Result<[String], SolveError> {
        try YAMLValues.checkKeys(try node.mapping("\(label) answer"), allowed: ["compare", "labels"], in: "\(label) answer")
        guard let compareNode = node["compare"] else { throw InputError(at: node.location, "\(label): a computed answer needs 'compare'") }
        let names = try compareNode.sequence("\(label) compare")
        guard names.count == 2 else { throw InputError(at: compareNode.location, "\(label): compare names exactly two questions") }
        var entries: [AnswerKey.Entry] = []
        for n in names {
            let id = try YAMLValues.string(n, "\(label) compare")
            guard context.problem.declaration(id) != nil else {
                throw InputError(at: n.location, "\(label): compare names question '\(YAMLValues.clip(id))', which does not exist")
            }
            guard let entry = context.numericEntry(id) else {
                throw InputError(at: n.location, "\(label): compare names question '\(YAMLValues.clip(id))', which is not numeric")
            }
            entries.append(entry)
        }
        guard let labelsNode = node["labels"] else { throw InputError(at: node.location, "\(label): a computed answer needs 'labels'") }
        var labels: [String: String] = [:]
        for p in try labelsNode.mapping("\(label) labels") {
            guard relations.contains(p.key.text) else {
                throw InputError(at: p.key.location, "unknown key '\(YAMLValues.clip(p.key.text))' in \(label) labels; expected one of: \(relations.joined(separator: ", "))")
            }
            let text = try YAMLValues.string(p.value, "\(label) labels \(p.key.text)")
            guard let option = match(text, in: options) else {
                throw InputError(at: p.value.location, "\(label): label '\(YAMLValues.clip(text))' is not one of: \(options.joined(separator: ", "))")
            }
            labels[p.key.text] = option
        }
        guard case .success(let a) = entries[0].result, case .success(let b) = entries[1].result else {
            return .failure(SolveError("the compared questions' keys could not be computed"))
        }
        guard let x = a.scalarValue, let y = b.scalarValue else {
            return .failure(SolveError("compare needs two questions whose keys are single numbers"))
        }
        let relation: String
        if case .correct = TensorComparison.compare(a, to: b, policy: entries[0].question.policy) {
            relation = "equal"
        } else {
            relation = x < y ? "less" : "greater"
        }
        guard let option = labels[relation] else {
            return .failure(SolveError("question \(entries[0].question.id)'s key is \(relation) than \(entries[1].question.id)'s, and labels has no '\(relation)'"))
        }
        return .success([option])
    }

    /// The option `text` names (case and white space ignored), if any.
    static func match(_ text: String, in options: [String]) -> String? {
        let n = WrittenAnswer.normalized(text)
        return options.first { WrittenAnswer.normalized($0) == n }
    }

    /// The key graded against: the computed one when there is one, else the written one.
    var key: Result<[String], SolveError> { computedKey ?? .success(writtenKey ?? []) }

    public var answerHint: String {
        multiple ? "a list of any of: \(options.joined(separator: ", "))" : "one of: \(options.joined(separator: ", "))"
    }

    public var isKeyed: Bool { true }

    public func answer(in submission: Submission) -> WrittenAnswer { WrittenAnswer(submission.nodes[declaration.id]) }

    public func grade(_ answer: WrittenAnswer, context: inout GradingContext) -> QuestionResult {
        var result = blankResult(verdict: .missing, given: answer.given, message: "")
        let key: [String]
        switch self.key {
        case .failure(let e):
            result.verdict = .ungraded
            result.message = "the key could not be computed: \(e.message)"
            return result
        case .success(let k): key = k
        }
        if context.mayReveal(declaration) { result.expected = .text(key.joined(separator: ", ")) }
        let chosen: [String]
        switch answer {
        case .missing: result.message = "no answer given"; return result
        case .blank: result.message = "the answer is empty"; return result
        case .unreadable(let message, _, let loc):
            result.verdict = .unparseable
            result.message = "\(loc.line):\(loc.column): cannot read the answer: \(message)"
            return result
        case .text(let t): chosen = [t]
        case .list(let items):
            guard multiple else {
                result.verdict = .incorrect
                result.message = "give one option, not a list"
                return result
            }
            chosen = items
        }
        var picked: Set<String> = []
        for text in chosen {
            guard let option = Self.match(text, in: options) else {
                result.verdict = .incorrect
                result.message = "'\(Self.clip(text))' is not one of: \(options.joined(separator: ", "))"
                return result
            }
            picked.insert(option)
        }
        let fraction: Double
        if multiple {
            // Scored per option: each option chosen or left out as the key has it counts.
            let right = options.filter { picked.contains($0) == key.contains($0) }.count
            fraction = Double(right) / Double(options.count)
            let wrong = options.count - right
            result.message = wrong == 0 ? "every option right" : "\(wrong) of \(options.count) options wrong"
        } else {
            fraction = picked == Set(key) ? 1 : 0
            result.message = fraction == 1 ? "the right option" : "not the right option"
        }
        result.verdict = Verdict(fraction: fraction)
        result.earned = points(forFraction: fraction)
        return result
    }

    public func verify(requireKeys: Bool) -> [VerificationReport.Finding] {
        let at = writtenKeyLocation ?? declaration.location
        switch computedKey {
        case .failure(let e)?:
            return [.init(severity: .error, at: at, "question \(declaration.id): the solver cannot compute the choice: \(e.message)")]
        case .success(let computed)?:
            if let writtenKey, Set(writtenKey) != Set(computed) {
                return [.init(severity: .error, at: at,
                              "question \(declaration.id): key says \(writtenKey.joined(separator: ", ")), solver computes \(computed.joined(separator: ", "))")]
            }
            return []
        case nil:
            return []
        }
    }

    static func clip(_ s: String) -> String {
        let flat = AnswerTemplate.oneLine(s)
        return flat.count > 60 ? String(flat.prefix(57)) + "..." : flat
    }
}
