import NNCore
import NNProblem
import NNYAML

/// `kind: experiment`: a training-experiment result (a final metric, a curve, a sweep) from a
/// seeded initialisation the student cannot have, graded against the range of K reference runs
/// (`SeedBand`) instead of one exact value. Questions asking for an experiment result of a
/// scenario with `training.init` seeded are of this kind unless they set another tolerance; with
/// given weights, experiment results are ordinary numeric questions.
///
/// Scoring: every entry (one number, or each point of a curve or sweep) inside its widened band
/// counts; with `partial_credit` (default) the score is the fraction inside, else all or nothing.
/// Students are told whether and where the value leaves the band; the range itself is shown only
/// where the key may be (instructors, `show_key`).
public struct ExperimentQuestion: QuestionKind {
    public static let name = QuestionDeclaration.experimentKind

    public let declaration: QuestionDeclaration
    /// The numeric question (what is asked).
    public let question: Question
    /// The band, or why it could not be computed.
    public let band: Result<SeedBand, SolveError>

    public init(_ declaration: QuestionDeclaration, context: KindContext) throws(InputError) {
        guard let question = declaration.numeric, let band = context.seedBands[declaration.id] else {
            throw InputError(at: declaration.location, "question \(declaration.id) is not an experiment result graded by a seed band")
        }
        self.declaration = declaration
        self.question = question
        self.band = band
    }

    public var answerHint: String {
        switch band {
        case .success(let b):
            let shape = b.shape.isEmpty || b.lower.count == 1 ? "a number" : "a vector of \(b.lower.count) numbers"
            return "asks \(AnswerTemplate.oneLine(question.ask)): \(shape)"
        case .failure: return "asks \(AnswerTemplate.oneLine(question.ask)): unknown shape"
        }
    }

    public var isKeyed: Bool { question.instructorKey != nil }

    public func answer(in submission: Submission) -> AnswerEntry? { submission.answers[declaration.id] }

    /// The tolerance as results state it.
    var toleranceText: String {
        let spec = question.seedBand ?? SeedBandSpec()
        return "seed band: \(spec.runs) reference runs, margin \(NumberFormatting.short(spec.margin * 100))%"
    }

    public func grade(_ answer: AnswerEntry?, context: inout GradingContext) -> QuestionResult {
        var result = blankResult(verdict: .missing, given: answer?.text ?? "", message: "")
        result.tolerance = toleranceText
        let reveal = context.mayReveal(declaration)
        let band: SeedBand
        switch self.band {
        case .failure(let e):
            result.verdict = .ungraded
            result.message = "the key could not be computed: \(e.message)"
            return result
        case .success(let b):
            band = b
        }
        if reveal { result.expected = .text(Self.rangeText(band)) }
        switch answer {
        case nil:
            result.message = "no answer given"
        case .blank:
            result.message = "the answer is empty"
        case .unparseable(let message, _, let loc):
            result.verdict = .unparseable
            result.message = "\(loc.line):\(loc.column): cannot read the answer: \(message)"
        case .fields(_, _, let loc):
            result.verdict = .unparseable
            result.message = "\(loc.line):\(loc.column): cannot read the answer: an answer must be a number or a list, not a mapping"
        case .value(let student, _):
            let values = student.scalars
            guard values.count == band.lower.count, student.rank <= 2,
                  student.rank < 2 || student.shape.contains(1) || student.shape == band.shape else {
                result.verdict = .wrongShape
                result.message = "\(values.count) value\(values.count == 1 ? "" : "s") given but \(band.lower.count) expected"
                return result
            }
            if values.contains(where: { !$0.isFinite }) {
                result.verdict = .notFinite
                result.message = "the answer is not a finite number"
                return result
            }
            let positions = values.indices.map { band.position(values[$0], entry: $0) }
            let inside = positions.filter { $0 == .inside }.count
            let fraction = Double(inside) / Double(max(values.count, 1))
            let scored = question.policy.partialCredit ? fraction : (inside == values.count ? 1 : 0)
            result.earned = points(forFraction: scored)
            result.verdict = inside == values.count ? .correct : (scored > 0 ? .partial : .incorrect)
            result.message = values.count == 1
                ? Self.scalarMessage(values[0], positions[0], band, reveal: reveal)
                : Self.curveMessage(positions, band, reveal: reveal)
        }
        return result
    }

    /// "2790–3120 (20 reference runs)", or one range per point for a curve.
    static func rangeText(_ band: SeedBand) -> String {
        func range(_ i: Int) -> String { "\(NumberFormatting.significant(band.lower[i], digits: 4))–\(NumberFormatting.significant(band.upper[i], digits: 4))" }
        if band.lower.count == 1 { return "\(range(0)) (\(band.runs) reference runs)" }
        return "[" + band.lower.indices.map(range).joined(separator: ", ") + "] (\(band.runs) reference runs)"
    }

    static func scalarMessage(_ value: Double, _ position: SeedBand.Position, _ band: SeedBand, reveal: Bool) -> String {
        let v = NumberFormatting.short(value)
        let range = reveal ? " \(NumberFormatting.significant(band.lower[0], digits: 4))–\(NumberFormatting.significant(band.upper[0], digits: 4))" : ""
        switch position {
        case .inside: return "your value \(v) is within the range\(range) of \(band.runs) reference runs"
        case .below where reveal: return "your value \(v) is below the range\(range) of \(band.runs) reference runs"
        case .above where reveal: return "your value \(v) is above the range\(range) of \(band.runs) reference runs"
        default: return "your value \(v) is outside the range of \(band.runs) reference runs"
        }
    }

    static func curveMessage(_ positions: [SeedBand.Position], _ band: SeedBand, reveal: Bool) -> String {
        let inside = positions.filter { $0 == .inside }.count
        guard let first = positions.firstIndex(where: { $0 != .inside }) else {
            return "all \(positions.count) points are within the band of \(band.runs) reference runs"
        }
        var where_ = "point \(first + 1)"
        if reveal { where_ += positions[first] == .above ? " (above)" : " (below)" }
        var text = "leaves the band of \(band.runs) reference runs at \(where_)"
        if let back = positions[first...].firstIndex(where: { $0 == .inside }) { text += ", back inside at point \(back + 1)" }
        return text + "; \(inside) of \(positions.count) points inside"
    }

    public func verify(requireKeys: Bool) -> [VerificationReport.Finding] {
        guard let key = question.instructorKey, case .success(let band) = band else {
            if case .failure(let e) = band {
                return KeyVerifier.findings(for: AnswerKey.Entry(question: question, result: .failure(e)), requireKeys: requireKeys)
            }
            return KeyVerifier.findings(for: AnswerKey.Entry(question: question, result: .success(Tensor(0))), requireKeys: requireKeys)
        }
        let outside = key.scalars.count != band.lower.count
            || key.scalars.indices.contains { band.position(key.scalars[$0], entry: $0) != .inside }
        if !outside { return [] }
        return KeyVerifier.findings(for: AnswerKey.Entry(question: question, result: .failure(SolveError("the key is outside the seed band \(Self.rangeText(band))"))), requireKeys: requireKeys)
    }
}
