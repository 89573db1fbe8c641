import Testing
import NNCore
import NNProblem

/// The bundled problem files reproduce the values printed in the seed write-ups.
@Suite struct SeedProblemTests {
    static func key(_ file: String) throws -> AnswerKey {
        let problem = try ProblemLoader.load(path: RepositoryFiles.problem(file))
        return Solver(problem: problem).answerKey()
    }

    static func value(_ key: AnswerKey, _ id: String) throws -> Double {
        let t = try #require(key.value(for: id), "no value for \(id)")
        return try #require(t.scalarValue, "\(id) is not a scalar")
    }

    static func vector(_ key: AnswerKey, _ id: String) throws -> [Double] {
        try #require(key.value(for: id), "no value for \(id)").scalars
    }

    @Test func seed000PrintedValues() throws {
        let key = try Self.key("ece4179-mlp.yaml")
        #expect(try Self.vector(key, "1.1-z1") == [0.4, 1.2000000000000002, -0.09999999999999998]
                || zip(try Self.vector(key, "1.1-z1"), [0.4, 1.2, -0.1]).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(abs(try Self.value(key, "1.1") - 0.627) < 0.0005)
        #expect(abs(try Self.value(key, "1.2") - 0.987) < 0.0005)
        #expect(abs(try Self.value(key, "1.3") - 0.467) < 0.0005)
        #expect(abs(try Self.value(key, "1.4-dL/dyhat") - 2.682) < 0.0005)
        #expect(abs(try Self.value(key, "1.4-dyhat/dz2") - 0.234) < 0.0005)
        #expect(abs(try Self.value(key, "1.4-grad") - 0.251) < 0.0005)
        #expect(abs(try Self.value(key, "1.4") - (-0.225)) < 0.0005)
        #expect(try Self.value(key, "1.5") == 0.1)
    }

    @Test func seed000Activation() throws {
        let key = try Self.key("ece4179-activation.yaml")
        #expect(abs(try Self.value(key, "2.1") - 2.35) < 0.005)          // printed 2.35
        #expect(abs(try Self.value(key, "2.1") - (Elementary.e - 1 / Elementary.e)) < 1e-12)
        #expect(abs(try Self.value(key, "2.2") - 1.0421906109874948) < 1e-12)   // 2 sinh 0.5
        #expect(abs(try Self.value(key, "2.3") - 2.2552519304127614) < 1e-12)   // 2 cosh 0.5
        #expect(try Self.value(key, "2.4") == 2)
        #expect(try Self.value(key, "2.6") == 0)
        #expect(abs(try Self.value(key, "2.7") + 2.3504023872876028) < 1e-12)
    }

    @Test func seed001PrintedValues() throws {
        let key = try Self.key("hw1-backprop.yaml")
        #expect(try Self.vector(key, "1.1-drive") == [5, 7])
        #expect(try Self.vector(key, "1.1-activation") == [25, 49])
        #expect(try Self.value(key, "1.2-drive") == -1)
        #expect(try Self.value(key, "1.2") == 1)
        #expect(try Self.value(key, "1.3a") == 2)
        #expect(try Self.value(key, "1.3-delta2") == 4)
        #expect(try Self.vector(key, "1.3-delta1") == [-80, 56])
        let grads = try ["w11(2)", "w12(2)", "w11(1)", "w12(1)", "w21(1)", "w22(1)"].map { try Self.value(key, "1.3c-\($0)") }
        #expect(grads == [100, 196, -160, -240, 112, 168])
        let updated = try ["w11(2)", "w12(2)", "w11(1)", "w12(1)", "w21(1)", "w22(1)"].map { try Self.value(key, "1.3d-\($0)") }
        for (u, printed) in zip(updated, [-3, -0.96, -0.4, 5.4, 0.88, -0.68]) { #expect(abs(u - printed) < 1e-12) }
    }

    @Test func seed002ChosenNumbersMatchPrintedOnes() throws {
        let key = try Self.key("cs2109s-t7.yaml")
        for (a, b) in zip(try Self.vector(key, "A.1-z"), [0.8, -0.7]) { #expect(abs(a - b) < 1e-12) }
        #expect(try Self.vector(key, "A.1") == [0.8, 0])
        for (a, b) in zip(try Self.vector(key, "A.2-z"), [0.5, -0.38]) { #expect(abs(a - b) < 1e-12) }
        #expect(abs(try Self.value(key, "A.3") - 0.485) < 1e-12)
        // B.3: the designed network computes |x − 1|.
        #expect(try Self.value(key, "B.3-x3") == 2)
        #expect(try Self.value(key, "B.3-x-0.5") == 1.5)
        #expect(try Self.value(key, "B.3-x1") == 0)
        // C.2: −α ln σ(0.7) and −β ln(1 − σ(0.7)).
        let s = 1 / (1 + Elementary.exp(-0.7))
        #expect(abs(try Self.value(key, "C.2-pos") - (-5.5 * Elementary.log(s))) < 1e-12)
        #expect(abs(try Self.value(key, "C.2-neg") - (-0.55 * Elementary.log(1 - s))) < 1e-12)
        // ∂L/∂W[2] in the course layout: first row is the bias gradient δ = ŷ − y = (−0.9, 0 · …).
        let dW2 = try #require(key.value(for: "A.4"))
        #expect(dW2.shape == [3, 2])
        #expect(abs(dW2.scalars[0] - (-0.9)) < 1e-12 && abs(dW2.scalars[2] - (-0.72)) < 1e-12)
    }

    @Test func seed003GraphByHand() throws {
        let key = try Self.key("dsga1008-hw1.yaml")
        // a = 10, b = 40, w = 400; ∂w/∂a = b + a·2x = 80; ∂w/∂x = 80·y + a·2a = 440.
        #expect(try Self.value(key, "1.4B-w") == 400)
        #expect(try Self.value(key, "1.4B-dw/dx") == 440)
        #expect(try Self.value(key, "1.4B-dw/dy") == 160)
        #expect(try Self.value(key, "1.4B-dw/dz") == 80)
        #expect(try Self.value(key, "1.4B-dw/da") == 80)
        // 1.2 with f = 5 ReLU: z1 = (−1.4, 1.8, 1), a1 = (0, 9, 5); ∂l/∂ŷ = 2(ŷ − y).
        #expect(try Self.vector(key, "1.2.B-z2") == [0, 9, 5])
        let yHat = [0.05 + 0.2 * 0 - 0.4 * 9 + 0.1 * 5, -0.1 - 0.3 * 0 + 0.6 * 9 + 0.5 * 5]
        for (a, b) in zip(try Self.vector(key, "1.2.D.A"), [2 * (yHat[0] - 1), 2 * yHat[1]]) { #expect(abs(a - b) < 1e-12) }
        #expect(try Self.vector(key, "1.2.D.B") == [1, 0, 0, 1])
        #expect(try #require(key.value(for: "1.2.D.C")).shape == [2, 3])
        // BCE averaged over K = 2: δ = (ŷ − y)/2.
        let yh = try Self.vector(key, "1.3.A-yhat")
        for (a, b) in zip(try Self.vector(key, "1.3.B-delta2"), [(yh[0] - 1) / 2, yh[1] / 2]) { #expect(abs(a - b) < 1e-12) }
    }

    @Test func everyBundledQuestionIsAnswerable() throws {
        for file in ["ece4179-mlp.yaml", "ece4179-activation.yaml", "hw1-backprop.yaml", "cs2109s-t7.yaml",
                     "dsga1008-hw1.yaml", "cs5783-a2.yaml"] {
            let key = try Self.key(file)
            for e in key.entries {
                if case .failure(let err) = e.result { Issue.record("\(file) \(e.question.id): \(err)") }
            }
        }
    }
}
