import Testing
import NNCore
import NNYAML
import NNProblem
@testable import NNGrade

/// Reading formula, function and network questions, and grading the awkward answers: values
/// with no value, formulas over the work budget, and deterministic instances.
@Suite struct FormulaKindTests {
    static let header = """
        id: t
        network:
          layers:
            - {weights: [[0.5, -1.0], [1.5, 0.25]], bias: [0.1, -0.2], activation: relu}
            - {weights: [[0.2, -0.4]], bias: [0.05], activation: sigmoid}
        data: {x: [1, 2], y: 1}
        loss: bce
        questions:

        """

    static func sheet(_ questions: String) throws -> GradableProblem {
        let problem = try ProblemLoader.load(bytes: Array((header + questions).utf8), file: "t.yaml")
        return try GradableProblem(problem: problem)
    }

    static func loadError(_ questions: String) -> InputError? {
        do {
            _ = try sheet(questions)
            return nil
        } catch let error as InputError {
            return error
        } catch {
            return nil
        }
    }

    static func grade(_ questions: String, _ answer: String) throws -> QuestionResult {
        let grader = Grader(gradable: try sheet(questions))
        let submission = Submission(file: "s.yaml", student: "s", answers: ["q": .unparseable(message: "", text: answer,
                                    location: SourceLocation(file: "s.yaml", line: 3, column: 8))])
        return try #require(grader.grade(submission).questions.first)
    }

    @Test func badQuestionsAreLocatedErrors() {
        let unknown = Self.loadError("  - {id: q, kind: formula, ask: delta2, symbols: [w9]}\n")
        #expect(unknown?.message.hasPrefix("question q: unknown symbol 'w9'; the scenario has: W1, W2, a1, a2, b1, b2, delta1, delta2, x, x1, x2, y, y_hat, z1, z2") == true,
                "\(unknown?.message ?? "none")")
        #expect(unknown?.line == 9)
        let domain = Self.loadError("  - {id: q, kind: function, target: \"x\", domain: [3, -3]}\n")
        #expect(domain?.message == "question q: domain must be [lo, hi] with lo < hi")
        let target = Self.loadError("  - {id: q, kind: function, target: \"x +\", domain: [0, 1]}\n")
        #expect(target?.message.contains("is not a formula in x: unexpected end of expression") == true)
        let wide = Self.loadError("""
              - id: q
                kind: network
                target: "x"
                domain: [0, 1]
                architecture: {layers: [{units: 2, activation: relu}]}

            """)
        #expect(wide?.message == "question q architecture: the last layer must have 1 unit (the network computes one number)")
        let key = Self.loadError("  - {id: q, kind: formula, ask: delta2, stray: 1}\n")
        #expect(key != nil)
    }

    @Test func anInstanceWithoutAValueDisagreesAndSaysWhere() throws {
        // ŷ is in (0, 1), so ln(−ŷ) has no value on any instance.
        let r = try Self.grade("  - {id: q, kind: formula, ask: delta2}\n", "ln(-y_hat)")
        #expect(r.verdict == .incorrect)
        #expect(r.message.hasPrefix("disagrees with the network on 20 of 20 random instances; on random instance 1 the formula has no value: ln: ln of a non-positive number"),
                "\(r.message)")
    }

    @Test func formulasOverTheBudgetAreRefused() throws {
        let r = try Self.grade("  - {id: q, kind: formula, ask: delta2}\n", "sum(outer(ones(1000), ones(1000)))")
        #expect(r.verdict == .unparseable)
        #expect(r.message == "the formula needs more than 100000 operations to evaluate")
    }

    @Test func unparseableFormulasNameTheColumn() throws {
        let r = try Self.grade("  - {id: q, kind: formula, ask: delta2}\n", "y_hat -- * y")
        #expect(r.verdict == .unparseable)
        #expect(r.message == "column 10 of the formula: unexpected '*'")
    }

    @Test func instancesAreDeterministicAndAwayFromKinks() throws {
        let problem = try ProblemLoader.load(bytes: Array((Self.header + "  - {id: q, ask: y_hat}\n").utf8), file: "t.yaml")
        let scenario = try #require(problem.scenarios["default"])
        let spec = try #require(scenario.network)
        let setting = FormulaSetting(target: QuantityReference(.delta(1)),
                                     symbols: FormulaSymbols.quantities(for: spec, hasLoss: true), seed: "t/q")
        let first = try FormulaInstances.random(setting, in: scenario)
        let second = try FormulaInstances.random(setting, in: scenario)
        #expect(first.count == 20)
        #expect(first.map(\.reference) == second.map(\.reference))
        for instance in first {
            var evaluator = ScenarioEvaluator(scenario: instance.scenario)
            for pass in try evaluator.forwardPasses() {
                #expect(pass.layers.allSatisfy { $0.z.allSatisfy { abs($0) >= FormulaInstances.kinkMargin } })
            }
            // BCE labels are 0 or 1.
            #expect(instance.scenario.samples.allSatisfy { $0.target.allSatisfy { $0 == 0 || $0 == 1 } })
        }
        let other = FormulaSetting(target: setting.target, symbols: setting.symbols, seed: "t/other")
        #expect(try FormulaInstances.random(other, in: scenario).map(\.reference) != first.map(\.reference))
    }

    @Test func theKeyOnTheQuestionsNumbersOnlyWhereAllowed() throws {
        let question = "  - {id: q, kind: formula, ask: delta2, show_key: true}\n"
        let r = try Self.grade(question, "2*(y_hat - y)")
        // δ2 = ŷ − y for sigmoid with BCE; on x = (1, 2): z1 = (-1.4, 1.8), a1 = (0, 1.8),
        // z2 = −0.72 + 0.05 = −0.67, ŷ = σ(−0.67) = 0.338497, so ŷ − y = −0.661503 and 2(ŷ − y) = −1.32301.
        #expect(r.message.hasSuffix("on the question's own numbers your formula gives -1.32301, the key is -0.661503"), "\(r.message)")
        #expect(r.diagnosis == "a factor of 2 too large")
        let hidden = try Self.grade("  - {id: q, kind: formula, ask: delta2}\n", "2*(y_hat - y)")
        #expect(hidden.message.hasSuffix("on the question's own numbers your formula gives -1.32301"), "\(hidden.message)")
    }
}
