import NNCore
import NNProblem

/// Grades an answer that is a function of one variable x (a formula, or a designed network) by
/// its behaviour: its values on a grid over the domain plus random points are compared with the
/// target's.
///
/// Points: 101 evenly spaced over [lo, hi] (both ends included) and 100 drawn uniformly from a
/// seed fixed per question, 201 in all. A point where the target jumps (its values at x ± 1e-7
/// differ by more than 1e-4·max(1, |t|)) is excluded: there the convention at the kink (relu′(0))
/// and not the function decides. A value agrees when |s − t| ≤ rtol·max(1, |t|).
public struct BehaviourGrader: Sendable {
    /// The points x the answer is evaluated at, kinks excluded.
    public let points: [Double]
    /// The target's value at each point.
    public let targetValues: [Double]
    /// The agreement required: |s − t| ≤ rtol·max(1, |t|).
    public let relativeTolerance: Double

    /// Evaluates `target` on the grid and random points of `domain`.
    public init(target: Expression, functions: [String: Activation], options: DifferentiationOptions,
                domain: ClosedRange<Double>, seed: String, relativeTolerance: Double = 1e-6) throws(SolveError) {
        let environment = FormulaEnvironment(symbols: [:], functions: functions, options: options)
        func value(_ x: Double) throws(SolveError) -> Double {
            var env = environment
            env.symbols["x"] = Tensor(x)
            do {
                let t = try target.evaluateFormula(in: env)
                guard let v = t.scalarValue else { throw SolveError("the target is not a number at x = \(NumberFormatting.short(x))") }
                return v
            } catch let error as SolveError {
                throw error
            } catch {
                throw SolveError("the target at x = \(NumberFormatting.short(x)): \(error)")
            }
        }
        var candidates = (0...100).map { domain.lowerBound + (domain.upperBound - domain.lowerBound) * Double($0) / 100 }
        candidates += FormulaInstances.randomPoints(100, in: domain, seed: seed)
        var points: [Double] = [], values: [Double] = []
        let h = 1e-7
        for x in candidates {
            let t = try value(x)
            let jump = abs(try value(x + h) - (try value(x - h)))
            if jump > 1e-4 * max(1, abs(t)) { continue }
            points.append(x)
            values.append(t)
        }
        self.points = points
        self.targetValues = values
        self.relativeTolerance = relativeTolerance
    }

    /// Grades an answer given as its value at a point (nil, with a reason, where it has none).
    /// `showTarget` allows the target's value at the worst point in the message.
    public func grade(what: String, showTarget: Bool, _ answer: (Double) -> Result<Double, FormulaError>) -> FormulaGrade {
        var worst: (x: Double, s: Double, t: Double, excess: Double)?
        var wrong = 0
        for (x, t) in zip(points, targetValues) {
            switch answer(x) {
            case .failure(let error):
                if case .shape(let m) = error { return FormulaGrade(verdict: .wrongShape, message: m) }
                if case .tooCostly(let m) = error { return FormulaGrade(verdict: .unparseable, message: m) }
                return FormulaGrade(verdict: .incorrect,
                                    message: "at x = \(NumberFormatting.short(x)) \(what) has no value: \(error.message)")
            case .success(let s):
                let allowed = relativeTolerance * max(1, abs(t))
                let excess = s.isFinite ? abs(s - t) / allowed : .infinity
                if excess > 1 {
                    wrong += 1
                    if worst == nil || excess > worst?.excess ?? 0 { worst = (x, s, t, excess) }
                }
            }
        }
        guard let worst else {
            return FormulaGrade(verdict: .correct, fraction: 1, message: "agrees with the target at all \(points.count) points")
        }
        func text(_ v: Double) -> String { NumberFormatting.significant(v, digits: 6) }
        var message = "differs from the target at \(wrong) of \(points.count) points; worst at x = \(text(worst.x)): \(what) gives \(text(worst.s))"
        if showTarget { message += ", the target is \(text(worst.t))" }
        return FormulaGrade(verdict: .incorrect, message: message)
    }
}

