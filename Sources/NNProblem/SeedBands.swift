import Dispatch
import NNCore

/// Computes the seed bands of a problem's questions that are graded by one (`Question.seedBand`).
///
/// Questions of the same scenario and variation share their reference runs: for each seed offset
/// k = 0 … K − 1 one evaluator trains the experiment once (once per sweep setting) and answers
/// every such question. The K runs are independent and run in parallel.
public enum SeedBands {
    /// The band of every banded question by id, or why its key could not be computed.
    public static func compute(_ problem: Problem) -> [String: Result<SeedBand, SolveError>] {
        let banded = problem.questions.filter { $0.seedBand != nil }
        guard !banded.isEmpty else { return [:] }
        var groups: [Solver.CacheKey: [Question]] = [:]
        var order: [Solver.CacheKey] = []
        for q in banded {
            let key = Solver.CacheKey(scenario: q.scenario, variation: q.variation)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(q)
        }
        let solver = Solver(problem: problem)
        var bands: [String: Result<SeedBand, SolveError>] = [:]
        for key in order {
            let questions = groups[key] ?? []
            let runs = questions.map { $0.seedBand?.runs ?? SeedBandSpec.defaultRuns }.max() ?? SeedBandSpec.defaultRuns
            let slots = Slots<[Result<Tensor, SolveError>]>(count: runs)
            DispatchQueue.concurrentPerform(iterations: runs) { k in
                var results: [Result<Tensor, SolveError>] = []
                do throws(SolveError) {
                    var evaluator = try solver.makeEvaluator(for: questions[0])
                    evaluator.seedOffset = UInt64(k)
                    for q in questions {
                        do throws(SolveError) {
                            let v = try evaluator.value(of: q.target)
                            results.append(.success(try Solver.finite(v)))
                        } catch {
                            results.append(.failure(error))
                        }
                    }
                } catch {
                    results = questions.map { _ in .failure(error) }
                }
                slots.set(k, results)
            }
            let all = slots.values
            for (i, q) in questions.enumerated() {
                let spec = q.seedBand ?? SeedBandSpec()
                var values: [Tensor] = []
                var failure: SolveError?
                for k in 0..<spec.runs {
                    switch all[k]?[i] {
                    case .success(let v): values.append(v)
                    case .failure(let e): failure = failure ?? e
                    case nil: failure = failure ?? SolveError("a reference run did not finish")
                    }
                }
                if let failure {
                    bands[q.id] = .failure(failure)
                } else if let band = SeedBand(values: values, margin: spec.margin) {
                    bands[q.id] = .success(band)
                } else {
                    bands[q.id] = .failure(SolveError("the reference runs gave results of different shapes"))
                }
            }
        }
        return bands
    }
}

/// Results written by parallel iterations, one slot each.
final class Slots<T: Sendable>: @unchecked Sendable {
    private var storage: [T?]
    private let lock = DispatchSemaphore(value: 1)

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ value: T) {
        lock.wait()
        storage[i] = value
        lock.signal()
    }

    var values: [T?] {
        lock.wait()
        defer { lock.signal() }
        return storage
    }
}
