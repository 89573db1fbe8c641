import NNCore

/// One student's variant of a randomised problem: whose it is and the numbers drawn.
public struct ProblemVariant: Sendable, Hashable {
    /// The student id (trimmed).
    public var student: String
    /// Each randomised value's name and the value drawn, in the order of `randomize.values`.
    public var values: [Drawn]
    /// Which draw (1-based) met every constraint.
    public var draw: Int

    /// A value as drawn.
    public struct Drawn: Sendable, Hashable {
        /// The name as written in `randomize.values`.
        public var name: String
        /// The value.
        public var value: Tensor
    }
}

/// Why no variant could be made.
public struct VariantError: Error, Equatable, Sendable, CustomStringConvertible {
    /// One-line message.
    public var message: String
    /// Creates an error.
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension Problem {
    /// Whether the file randomises numbers per student and this is not yet one student's variant.
    public var needsVariant: Bool { randomization != nil && variant == nil }

    /// The student's variant of this problem: the same problem with the randomised values drawn
    /// for `student` set in every scenario that has them, and no instructor keys (`answer:`
    /// holds the default values' keys, which `verify` checks). A problem without `randomize`
    /// is returned unchanged.
    ///
    /// The draw (see `VariantSeed`, `VariantGenerator`): the values are drawn in file order, each
    /// as `below(count)` of the generator, giving an index into its grid or its `choose` list.
    /// If the variant fails a constraint, or a question's key cannot be computed from it, the
    /// values are drawn again from the same generator, up to `maximumDraws` times in all.
    public func variant(for student: String, secret: VariantSecret) throws(VariantError) -> Problem {
        guard let randomization, variant == nil else { return self }
        let id = student.trimmingWhitespace()
        guard !id.isEmpty else { throw VariantError("the problem is randomised per student, and the student id is empty") }
        var generator = VariantGenerator(seed: VariantSeed.bytes(problemID: self.id, studentID: id, secret: secret))
        var lastFailure = ""
        for draw in 1...randomization.maximumDraws {
            let drawn = randomization.values.map { v in
                ProblemVariant.Drawn(name: v.name, value: v.distribution.value(generator.below(v.distribution.count)))
            }
            let candidate = applying(drawn, of: randomization, student: id, draw: draw)
            if let failure = candidate.variantFailure() { lastFailure = failure; continue }
            return candidate
        }
        throw VariantError("no variant for student '\(id)' meets the constraints in \(randomization.maximumDraws) draws (the last failed: \(lastFailure)); widen the ranges or loosen 'require'")
    }

    /// This problem with `drawn` applied, recorded as the student's variant.
    func applying(_ drawn: [ProblemVariant.Drawn], of randomization: Randomization, student: String, draw: Int) -> Problem {
        var p = self
        for (value, spec) in zip(drawn, randomization.values) {
            for (name, scenario) in p.scenarios where spec.target.applies(to: scenario) {
                p.scenarios[name] = spec.target.applied(value.value, to: scenario)
            }
        }
        p.questions = p.questions.map { q in
            var q = q
            q.instructorKey = nil
            q.keyLocation = nil
            return q
        }
        p.declarations = p.declarations.map { d in
            var d = d
            d.numeric?.instructorKey = nil
            d.numeric?.keyLocation = nil
            return d
        }
        p.variant = ProblemVariant(student: student, values: drawn, draw: draw)
        return p
    }

    /// Why this (variant) problem is not acceptable: a constraint that fails or cannot be
    /// evaluated, or a question whose key cannot be computed; nil when it is acceptable.
    func variantFailure() -> String? {
        if let randomization {
            for c in randomization.constraints {
                do throws(VariantError) {
                    if try !c.holds(in: self) { return "'\(c.source)'" }
                } catch {
                    return "'\(c.source)': \(error.message)"
                }
            }
        }
        for entry in Solver(problem: self).answerKey().entries {
            if case .failure(let e) = entry.result { return "question \(entry.question.id): \(e.message)" }
        }
        return nil
    }
}

extension VariantConstraint {
    /// Whether the constraint holds in the problem's default scenario.
    public func holds(in problem: Problem) throws(VariantError) -> Bool {
        guard let scenario = problem.scenarios["default"] else { throw VariantError("the problem has no default scenario") }
        var evaluator = ScenarioEvaluator(scenario: scenario)
        var bindings: [String: Double] = [:]
        for (name, ask) in asks {
            let value: Tensor
            do { value = try evaluator.value(of: ask) } catch { throw VariantError("\(name): \(error.message)") }
            guard let v = value.scalarValue else { throw VariantError("\(name) is not a single number") }
            bindings[name] = v
        }
        do {
            let a = try condition.lhs.evaluate(bindings)
            let b = try condition.rhs.evaluate(bindings)
            return condition.relation.holds(a, b)
        } catch {
            throw VariantError(error.message)
        }
    }
}
