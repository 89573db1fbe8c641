import NNCore
import NNProblem

/// One fuzz input: `ProblemLoader.load(bytes:file:)` on arbitrary bytes, then, for problems small
/// enough to solve quickly, `Solver.answerKey()`.
///
/// Invariants checked: loading and solving never crash; errors are one line; a loaded problem has
/// questions; every computed key is finite (a key that is not becomes a failure, "ungraded").
func fuzzOneInput(_ input: UnsafeBufferPointer<UInt8>) -> CInt {
    let problem: Problem
    do {
        problem = try ProblemLoader.load(bytes: Array(input), file: "fuzz.yaml")
    } catch {
        precondition(!error.description.contains("\n"), "multi-line error: \(error.description)")
        return 0
    }
    precondition(!problem.declarations.isEmpty, "a loaded problem has no questions")
    guard FuzzBudget.isSmall(problem) else { return 0 }
    for entry in Solver(problem: problem).answerKey().entries {
        switch entry.result {
        case .success(let value):
            precondition(value.scalars.allSatisfy(\.isFinite), "a non-finite key for \(entry.question.id)")
        case .failure(let error):
            precondition(!error.message.contains("\n"), "multi-line solve error: \(error.message)")
        }
    }
    return 0
}

/// Problems whose solving cost is bounded: a valid problem may legitimately train a big network
/// for 100,000 steps, which is not a bug but would be reported as a timeout.
enum FuzzBudget {
    static func isSmall(_ problem: Problem) -> Bool {
        guard problem.declarations.count <= 50 else { return false }
        for scenario in problem.scenarios.values {
            let weights = scenario.network?.network.layers.reduce(0) { $0 + $1.weights.rows * $1.weights.columns } ?? 0
            let units = scenario.network?.network.layers.map(\.outputSize).max() ?? 0
            guard weights <= 10_000, units <= 100, scenario.samples.count <= 100, scenario.steps <= 20,
                  (scenario.graph?.order.count ?? 0) <= 200 else { return false }
        }
        return problem.questions.allSatisfy { ($0.variation.steps ?? 0) <= 20 }
    }
}
