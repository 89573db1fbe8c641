import Testing
@testable import NNCore

@Suite struct NumericalStabilityTests {
    @Test func sigmoidDoesNotOverflow() {
        #expect(Activation.sigmoid(1000) == 1)
        #expect(Activation.sigmoid(-1000) == 0)
        #expect(Activation.sigmoid(-745).isFinite)
        #expect(abs(Activation.sigmoid(0) - 0.5) < 1e-16)
    }

    @Test func softmaxOfHugeLogits() {
        let p = Activation.softmax([1000, 1000, -1000])
        #expect(abs(p[0] - 0.5) < 1e-15 && abs(p[1] - 0.5) < 1e-15 && p[2] == 0)
        #expect(abs(Activation.logSumExp([1000, 1000]) - (1000 + Elementary.log(2))) < 1e-12)
    }

    @Test func bceFromLogitStaysFinite() throws {
        // σ(40) rounds to 1 in Double; the fused form still gives the true loss ≈ 40 for y = 0.
        let net = try Network(layers: [DenseLayer(weights: Matrix(rows: 1, columns: 1, elements: [40]), activation: .sigmoid)])
        let bce = Loss(.binaryCrossEntropy(positiveWeight: 1, negativeWeight: 1, reduction: .sum))
        let eval = try net.evaluate([Sample(input: [1], target: [0])], loss: bce)
        #expect(abs(eval.loss - 40) < 1e-9)
        #expect(abs(eval.gradients.layers[0].delta[0] - 1) < 1e-12)
    }

    @Test func softmaxCrossEntropyFromLogits() throws {
        let net = try Network(layers: [DenseLayer(weights: .identity(3), activation: .softmax)])
        let ce = Loss(.crossEntropy(reduction: .sum))
        let eval = try net.evaluate([Sample(input: [800, 0, -800], target: [0, 1, 0])], loss: ce)
        #expect(abs(eval.loss - 800) < 1e-9)
        #expect(eval.gradients.layers[0].delta.map { ($0 * 1e12).rounded() / 1e12 } == [1, -1, 0])
    }

    @Test func weightedBCEMatchesFormula() throws {
        // Seed 002 C.2: α = 5.5, β = 0.55. ŷ = σ(0) = 0.5 → L = −α ln 0.5 for y = 1.
        let net = try Network(layers: [DenseLayer(weights: Matrix(rows: 1, columns: 1, elements: [0]), activation: .sigmoid)])
        let bce = Loss(.binaryCrossEntropy(positiveWeight: 5.5, negativeWeight: 0.55, reduction: .sum))
        let pos = try net.evaluate([Sample(input: [1], target: [1])], loss: bce).loss
        let neg = try net.evaluate([Sample(input: [1], target: [0])], loss: bce).loss
        #expect(abs(pos - 5.5 * Elementary.log(2)) < 1e-12)
        #expect(abs(neg - 0.55 * Elementary.log(2)) < 1e-12)
    }

    @Test func momentumByHand() throws {
        // L = ½(w·1 − 0)², ∂L/∂w = w. w₀ = 1, η = 0.1, μ = 0.9:
        // v₁ = −0.1, w₁ = 0.9; v₂ = 0.9·(−0.1) − 0.1·0.9 = −0.18, w₂ = 0.72.
        let net = try Network(layers: [DenseLayer(weights: Matrix(rows: 1, columns: 1, elements: [1]), activation: .identity)])
        let steps = try SGD(learningRate: 0.1, momentum: 0.9).train(
            net, on: [Sample(input: [1], target: [0])], loss: Loss(.squaredError(.halfSum)), steps: 2)
        #expect(abs(steps[0].network.layers[0].weights[0, 0] - 0.9) < 1e-15)
        #expect(abs(steps[1].network.layers[0].weights[0, 0] - 0.72) < 1e-15)
        #expect(abs(steps[1].lossBefore - 0.405) < 1e-15)
    }

    @Test func batchMeanAveragesGradients() throws {
        // Identity layer w = 2, samples (1, 0) and (3, 0), ½Σ: gradients w·x² = 2 and 18; mean 10, sum 20.
        let net = try Network(layers: [DenseLayer(weights: Matrix(rows: 1, columns: 1, elements: [2]), activation: .identity)])
        let batch = [Sample(input: [1], target: [0]), Sample(input: [3], target: [0])]
        let mean = try net.evaluate(batch, loss: Loss(.squaredError(.halfSum), batchReduction: .mean))
        let sum = try net.evaluate(batch, loss: Loss(.squaredError(.halfSum), batchReduction: .sum))
        #expect(mean.gradients.layers[0].dW[0, 0] == 10)
        #expect(sum.gradients.layers[0].dW[0, 0] == 20)
        #expect(mean.loss == 10 && sum.loss == 20)
    }
}
