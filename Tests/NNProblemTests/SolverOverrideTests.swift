import Testing
import NNCore
import NNProblem

/// The solver recomputes downstream quantities after an intermediate value is replaced, and
/// re-solves with a changed configuration.
@Suite struct SolverOverrideTests {
    static func problem() throws -> Problem {
        try ProblemLoader.load(path: RepositoryFiles.problem("ece4179-mlp.yaml"))
    }

    @Test func lossFollowsAnOverriddenOutput() throws {
        let p = try Self.problem()
        let loss = try #require(p.question("1.2"))
        // With ŷ replaced by 0.7 and y = 0: BCE = −ln(0.3).
        let value = try Solver(problem: p).answer(to: loss, overrides: [ForwardOverride(layer: 1, quantity: .activation, value: [0.7])])
        #expect(abs((value.scalarValue ?? 0) - (-Elementary.log(0.3))) < 1e-12)
    }

    @Test func outputFollowsAnOverriddenHiddenLayer() throws {
        let p = try Self.problem()
        let q = try #require(p.question("1.1"))
        // a1 = (1, 0, 0): z2 = −0.2, ŷ = σ(−0.2).
        let value = try Solver(problem: p).answer(to: q, overrides: [ForwardOverride(layer: 0, quantity: .activation, value: [1, 0, 0])])
        #expect(abs((value.scalarValue ?? 0) - Activation.sigmoid(-0.2)) < 1e-15)
    }

    @Test func changedConfigurationResolves() throws {
        let p = try Self.problem()
        var q = try #require(p.question("1.4"))
        q.variation.learningRate = 1
        // w3,6 − 1·0.250859 = −0.450859
        let value = try Solver(problem: p).answer(to: q)
        #expect(abs((value.scalarValue ?? 0) - (-0.4508589)) < 1e-6)
    }
}
