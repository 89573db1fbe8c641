import Testing
@testable import NNCore

/// Values published in the seed write-ups, recomputed by the core.
@Suite struct SeedNetworkTests {
    /// Seed 000 (ECE4179): 2-3-1 MLP, ReLU hidden, sigmoid output, no biases.
    static func seed000() throws -> Network {
        let w1 = try #require(Matrix(rowArrays: [[0.4, 0.0], [-0.2, 0.7], [-0.3, 0.1]]))
        let w2 = try #require(Matrix(rowArrays: [[-0.2, 0.5, -0.6]]))
        return try Network(layers: [
            DenseLayer(weights: w1, activation: .relu),
            DenseLayer(weights: w2, activation: .sigmoid),
        ])
    }

    @Test func seed000ForwardPass() throws {
        let pass = try Self.seed000().forward([1, 2])
        #expect(pass.layers[0].z.enumerated().allSatisfy { abs($0.element - [0.4, 1.2, -0.1][$0.offset]) < 1e-12 })
        // ReLU: a = max(0, z) entry by entry, so the third unit (z = −0.1) is exactly 0.
        let a = pass.layers[0].a
        #expect(a.count == 3)
        #expect(abs(a[0] - 0.4) < 1e-12 && abs(a[1] - 1.2) < 1e-12 && a[2] == 0)
        #expect(abs(pass.layers[1].z[0] - 0.52) < 1e-12)
        #expect(abs(pass.output[0] - 0.627) < 0.0005)           // printed 0.627
        #expect(abs(pass.output[0] - 0.6271477663) < 1e-9)      // 1/(1+e^-0.52)
    }

    @Test func seed000Losses() throws {
        let net = try Self.seed000()
        let bce = Loss(.binaryCrossEntropy(positiveWeight: 1, negativeWeight: 1, reduction: .sum))
        let l0 = try net.evaluate([Sample(input: [1, 2], target: [0])], loss: bce).loss
        let l1 = try net.evaluate([Sample(input: [1, 2], target: [1])], loss: bce).loss
        #expect(abs(l0 - 0.987) < 0.0005)   // printed 0.987
        #expect(abs(l1 - 0.467) < 0.0005)   // printed 0.467
        // −ln(1 − σ(0.52)) = softplus(0.52)
        #expect(abs(l0 - (0.52 + Elementary.log1p(Elementary.exp(-0.52)))) < 1e-12)
    }

    @Test func seed000WeightUpdates() throws {
        let net = try Self.seed000()
        let bce = Loss(.binaryCrossEntropy(positiveWeight: 1, negativeWeight: 1, reduction: .sum))
        let sample = Sample(input: [1, 2], target: [0])
        let eval = try net.evaluate([sample], loss: bce)
        // ∂L/∂ŷ = ŷ/(ŷ(1−ŷ)) printed 2.682, ∂ŷ/∂z₂ printed 0.234, ∂L/∂w₃,₆ printed 0.251.
        #expect(abs(eval.gradients.dOutput[0] - 2.682) < 0.0005)
        #expect(abs(eval.gradients.layers[1].dW[0, 0] - 0.251) < 0.0005)
        let after = try SGD(learningRate: 0.1).train(net, on: [sample], loss: bce, steps: 1)
        let updated = after[0].network
        #expect(abs(updated.layers[1].weights[0, 0] - (-0.225)) < 0.0005)   // w₃,₆ becomes −0.225
        #expect(updated.layers[0].weights[2, 1] == 0.1)                     // w₂,₅ stays 0.1
    }

    @Test func reluDerivativeAtZeroIsConfigurable() throws {
        #expect(try Activation.relu.derivative(at: 0) == 0)
        #expect(try Activation.relu.derivative(at: 0, options: .init(reluDerivativeAtZero: 1)) == 1)
        #expect(try Activation.relu.derivative(at: -1e-300) == 0)
    }

    /// Custom activations depend on the ReLU'(0) convention exactly when they call relu or
    /// leaky_relu, whatever their text looks like.
    @Test func customActivationsDependOnReluAtZeroOnlyWhenTheyCallIt() throws {
        func custom(_ source: String) throws -> Activation {
            .custom(try ExpressionParser.parse(source, variables: ["x"]), source: source)
        }
        #expect(try custom("2 * relu(x)").dependsOnReluDerivativeAtZero)
        #expect(try custom("if(x > 0, 1, leaky_relu(x, 0.1))").dependsOnReluDerivativeAtZero)
        #expect(try custom("max(x, 0) + sigmoid(x)").dependsOnReluDerivativeAtZero == false)
        #expect(try custom("softplus(x)").dependsOnReluDerivativeAtZero == false)
        #expect(Activation.leakyRelu(slope: 0.01).dependsOnReluDerivativeAtZero)
        #expect(Activation.gelu.dependsOnReluDerivativeAtZero == false)
    }
}
