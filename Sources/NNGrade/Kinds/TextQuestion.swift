import NNProblem
import NNYAML

/// `kind: text`: a short answer matched against accepted forms. `accept` lists texts compared
/// case-insensitively with white space normalised (`"no"` accepts `No` and ` NO `);
/// `accept_regex` lists regular expressions that must match the whole normalised answer,
/// ignoring case. At least one accepted form is required.
public struct TextQuestion: QuestionKind {
    public static let name = "text"
    static let keys = QuestionDeclaration.commonKeys + ["accept", "accept_regex"]
    /// Longest answer matched against the regular expressions, in characters (a longer one is not accepted by a pattern; instructors write the patterns, students the answers).
    static let maximumLength = 1_000

    public let declaration: QuestionDeclaration
    /// Accepted texts as written.
    public let accepted: [String]
    /// Accepted regular expressions as written.
    public let patterns: [String]
    /// `accepted`, normalised.
    let normalizedAccepted: Set<String>

    public init(_ declaration: QuestionDeclaration, context: KindContext) throws(InputError) {
        guard let node = declaration.node else { throw InputError(at: declaration.location, "question \(declaration.id) has no body") }
        let label = "question \(declaration.id)"
        try YAMLValues.checkKeys(try node.mapping(label), allowed: Self.keys, in: label)
        var accepted: [String] = []
        if let a = node["accept"] {
            accepted = try Self.texts(a, "\(label) accept")
        }
        var patterns: [String] = []
        if let r = node["accept_regex"] {
            patterns = try Self.texts(r, "\(label) accept_regex")
            for (item, pattern) in zip(Self.items(r), patterns) {
                do { _ = try Regex(pattern) } catch {
                    throw InputError(at: item.location, "\(label): accept_regex '\(YAMLValues.clip(pattern))' is not a regular expression: \(error)")
                }
            }
        }
        guard !accepted.isEmpty || !patterns.isEmpty else {
            throw InputError(at: node["accept"]?.location ?? node["accept_regex"]?.location ?? node.location,
                             "\(label): 'accept' (or 'accept_regex') must list at least one accepted answer")
        }
        self.declaration = declaration
        self.accepted = accepted
        self.patterns = patterns
        self.normalizedAccepted = Set(accepted.map(WrittenAnswer.normalized))
    }

    /// The nodes of a text or list of texts.
    static func items(_ node: YAMLNode) -> [YAMLNode] {
        if case .sequence(let items, _) = node { return items }
        return [node]
    }

    /// A text or a list of texts, none of them empty.
    static func texts(_ node: YAMLNode, _ what: String) throws(InputError) -> [String] {
        var texts: [String] = []
        for item in items(node) {
            let text = try YAMLValues.string(item, what)
            guard !WrittenAnswer.normalized(text).isEmpty else { throw InputError(at: item.location, "\(what) lists an empty answer") }
            texts.append(text)
        }
        return texts
    }

    public var answerHint: String { "a short text answer" }
    public var isKeyed: Bool { true }

    public func answer(in submission: Submission) -> WrittenAnswer { WrittenAnswer(submission.nodes[declaration.id]) }

    /// Whether a normalised answer is accepted.
    func accepts(_ normalized: String) -> Bool {
        if normalizedAccepted.contains(normalized) { return true }
        guard normalized.count <= Self.maximumLength else { return false }
        for pattern in patterns {
            guard let regex = try? Regex(pattern).ignoresCase() else { continue }
            if (try? regex.wholeMatch(in: normalized)) != nil { return true }
        }
        return false
    }

    public func grade(_ answer: WrittenAnswer, context: inout GradingContext) -> QuestionResult {
        var result = blankResult(verdict: .missing, given: answer.given, message: "")
        if context.mayReveal(declaration) {
            result.expected = .text(accepted.first ?? patterns.map { "/\($0)/" }.joined(separator: " or "))
        }
        switch answer {
        case .missing: result.message = "no answer given"
        case .blank: result.message = "the answer is empty"
        case .unreadable(let message, _, let loc):
            result.verdict = .unparseable
            result.message = "\(loc.line):\(loc.column): cannot read the answer: \(message)"
        case .list:
            result.verdict = .incorrect
            result.message = "give one text, not a list"
        case .text(let text):
            let right = accepts(WrittenAnswer.normalized(text))
            result.verdict = right ? .correct : .incorrect
            result.earned = right ? declaration.points : 0
            result.message = right ? "an accepted answer" : "not an accepted answer"
        }
        return result
    }

    public func verify(requireKeys: Bool) -> [VerificationReport.Finding] { [] }
}
