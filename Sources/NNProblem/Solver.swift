import NNCore

/// Why a question could not be answered from its scenario (for example a quantity the scenario
/// does not define, or a loss outside its domain).
public struct SolveError: Error, Equatable, Sendable, CustomStringConvertible {
    /// One-line message.
    public var message: String
    /// Creates an error.
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The reference answer of every question of a problem.
public struct AnswerKey: Sendable {
    /// One entry per question, in file order.
    public struct Entry: Sendable {
        /// The question.
        public var question: Question
        /// The computed value, or why it could not be computed.
        public var result: Result<Tensor, SolveError>

        /// Creates an entry.
        public init(question: Question, result: Result<Tensor, SolveError>) {
            self.question = question
            self.result = result
        }
    }
    /// The problem id.
    public var problemID: String
    /// Entries in question order.
    public var entries: [Entry]

    /// The value for a question id, if it was computed.
    public func value(for id: String) -> Tensor? {
        guard let e = entries.first(where: { $0.question.id == id }), case .success(let v) = e.result else { return nil }
        return v
    }
}

/// Computes reference answers with the network core.
///
/// The solver evaluates each (scenario, variation) pair once and reads every question from it, so
/// re-solving with a changed configuration costs one evaluation. `answer(to:overrides:)`
/// recomputes downstream quantities after an intermediate value is replaced, for follow-through
/// credit.
public struct Solver: Sendable {
    /// The problem being solved.
    public let problem: Problem

    /// Creates a solver for a problem.
    public init(problem: Problem) { self.problem = problem }

    /// Solves every question.
    public func answerKey() -> AnswerKey {
        var cache: [CacheKey: ScenarioEvaluator] = [:]
        var entries: [AnswerKey.Entry] = []
        for q in problem.questions {
            let key = CacheKey(scenario: q.scenario, variation: q.variation)
            var evaluator: ScenarioEvaluator
            if let cached = cache[key] {
                evaluator = cached
            } else {
                do {
                    evaluator = try makeEvaluator(for: q)
                } catch {
                    entries.append(.init(question: q, result: .failure(error)))
                    continue
                }
            }
            let result: Result<Tensor, SolveError>
            do { result = .success(try Self.finite(evaluator.value(of: q.target))) } catch { result = .failure(error) }
            cache[key] = evaluator
            entries.append(.init(question: q, result: result))
        }
        return AnswerKey(problemID: problem.id, entries: entries)
    }

    /// Solves one question, optionally with intermediate values replaced.
    public func answer(to question: Question, overrides: [ForwardOverride] = []) throws(SolveError) -> Tensor {
        var evaluator = try makeEvaluator(for: question)
        evaluator.overrides = overrides
        return try evaluator.value(of: question.target)
    }

    /// The value itself, or an error when an entry overflowed to infinity or is NaN: such a key
    /// can grade nothing, so its question is reported as ungraded instead.
    static func finite(_ value: Tensor) throws(SolveError) -> Tensor {
        guard value.scalars.allSatisfy(\.isFinite) else {
            throw SolveError("the key is not a finite number (a computation overflowed; the problem's numbers are too large)")
        }
        return value
    }

    /// The evaluator for a question's scenario with its variation applied.
    public func makeEvaluator(for question: Question) throws(SolveError) -> ScenarioEvaluator {
        guard let base = problem.scenarios[question.scenario] else {
            throw SolveError("question \(question.id) uses scenario '\(question.scenario)', which is not defined")
        }
        return ScenarioEvaluator(scenario: question.variation.applied(to: base))
    }

    struct CacheKey: Hashable {
        var scenario: String
        var variation: ScenarioVariation
    }
}
