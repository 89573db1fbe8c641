import Testing
import TestSupport
@testable import NNCore

@Suite("Mini-batch training")
struct MiniBatchTrainingTests {
    /// ŷ = w x + b with w = 0.5, b = 0 on (1,1), (2,2), (3,3); MSE; η = 0.1; batches of 2 in order.
    /// Step 1, batch {1, 2}: ŷ = 0.5, 1; ∂L/∂ŷ = 2(ŷ − y) = −1, −2; ∂L/∂w = mean(−1·1, −2·2) = −2.5,
    /// ∂L/∂b = mean(−1, −2) = −1.5; w = 0.75, b = 0.15; batch loss mean(0.25, 1) = 0.625.
    /// Step 2, batch {3}: ŷ = 2.4; ∂L/∂ŷ = −1.2; ∂L/∂w = −3.6, ∂L/∂b = −1.2; w = 1.11, b = 0.27; loss 0.36.
    /// After the epoch: ŷ = 1.38, 2.49, 3.6, MSE = (0.38² + 0.49² + 0.6²)/3 = 0.7445/3.
    @Test func handWorkedEpoch() throws {
        let net = try Network(layers: [DenseLayer(weights: Matrix(rows: 1, columns: 1, elements: [0.5]), bias: [0], activation: .identity)])
        let samples = [1.0, 2, 3].map { Sample(input: [$0], target: [$0]) }
        let trainer = MiniBatchTrainer(optimiser: SGD(learningRate: 0.1), loss: Loss(.squaredError(.mean)),
                                       schedule: MiniBatchSchedule(epochs: 1, batchSize: 2), recordIterations: true)
        let run = try trainer.run(net, train: samples)
        let layer = run.trained.layers[0]
        #expect(abs(layer.weights[0, 0] - 1.11) < 1e-15)
        #expect(abs((layer.bias?[0] ?? 0) - 0.27) < 1e-15)
        #expect(run.curves.iterationLosses.count == 2)
        #expect(abs(run.curves.iterationLosses[0] - 0.625) < 1e-15)
        #expect(abs(run.curves.iterationLosses[1] - 0.36) < 1e-14)
        #expect(abs(run.curves.train[0].mse - 0.7445 / 3) < 1e-14)
        #expect(run.curves.train[0].accuracy == nil)
    }

    /// With momentum μ = 0.9 the second step adds μ·v₁: v₁ = (0.25, 0.15), v₂ = 0.9·v₁ − 0.1·(−3.6, −1.2)
    /// evaluated at w = 0.75, b = 0.15 (same batch gradients as above), so w = 0.75 + 0.585 = 1.335.
    @Test func momentum() throws {
        let net = try Network(layers: [DenseLayer(weights: Matrix(rows: 1, columns: 1, elements: [0.5]), bias: [0], activation: .identity)])
        let samples = [1.0, 2, 3].map { Sample(input: [$0], target: [$0]) }
        let trainer = MiniBatchTrainer(optimiser: SGD(learningRate: 0.1, momentum: 0.9), loss: Loss(.squaredError(.mean)),
                                       schedule: MiniBatchSchedule(epochs: 1, batchSize: 2))
        let run = try trainer.run(net, train: samples)
        #expect(abs(run.trained.layers[0].weights[0, 0] - 1.335) < 1e-14)
        #expect(abs((run.trained.layers[0].bias?[0] ?? 0) - (0.15 + 0.135 + 0.12)) < 1e-14)
    }

    /// A full-batch run equals `SGD.train` on the same data, bit for bit, for a deeper network with
    /// softmax and cross-entropy, and a sigmoid/BCE one.
    @Test(arguments: [false, true]) func fullBatchEqualsSGDTrain(softmax: Bool) throws {
        var g = SeededGenerator(seed: 42)
        func r() -> Double { Double(g.below(2001)) / 1000 - 1 }
        let out = softmax ? 3 : 1
        let net = try Network(layers: [
            DenseLayer(weights: Matrix(rows: 4, columns: 3, elements: (0..<12).map { _ in r() }), bias: (0..<4).map { _ in r() }, activation: .tanh),
            DenseLayer(weights: Matrix(rows: 3, columns: 4, elements: (0..<12).map { _ in r() }), bias: nil, activation: .relu),
            DenseLayer(weights: Matrix(rows: out, columns: 3, elements: (0..<(3 * out)).map { _ in r() }), bias: (0..<out).map { _ in r() },
                       activation: softmax ? .softmax : .sigmoid),
        ])
        var samples: [Sample] = []
        for i in 0..<7 {
            var target: [Double] = [Double(i % 2)]
            if softmax {
                target = [0, 0, 0]
                target[i % 3] = 1
            }
            let input: [Double] = [r(), r(), r()]
            samples.append(Sample(input: input, target: target))
        }
        let loss = softmax ? Loss(.crossEntropy(reduction: .sum)) : Loss(.binaryCrossEntropy(positiveWeight: 1, negativeWeight: 1, reduction: .sum))
        let sgd = SGD(learningRate: 0.3, momentum: 0.5)
        let reference = try sgd.train(net, on: samples, loss: loss, steps: 5)
        let run = try MiniBatchTrainer(optimiser: sgd, loss: loss, schedule: MiniBatchSchedule(epochs: 5)).run(net, train: samples)
        #expect(run.trained == reference.last?.network)
        let metrics = try MiniBatchTrainer.metrics(run.trained, on: samples, loss: loss)
        #expect(metrics == run.curves.train[4])
        #expect(metrics.loss == (try run.trained.evaluate(samples, loss: loss).loss))
    }

    @Test func accuracyThresholdAndArgmax() throws {
        let net = try Network(layers: [DenseLayer(weights: Matrix(rows: 1, columns: 1, elements: [1]), bias: [0], activation: .sigmoid)])
        // z = x: ŷ = σ(x) ≥ 0.5 exactly when x ≥ 0.
        let samples = [(-2.0, 0.0), (0, 1), (3, 1), (1, 0)].map { Sample(input: [$0.0], target: [$0.1]) }
        let m = try MiniBatchTrainer.metrics(net, on: samples, loss: Loss(.squaredError(.mean)))
        #expect(m.accuracy == 0.75)
        let soft = try Network(layers: [DenseLayer(weights: .identity(3), bias: nil, activation: .softmax)])
        let s = [Sample(input: [1, 2, 0], target: [0, 1, 0]), Sample(input: [5, 2, 0], target: [0, 0, 1])]
        #expect(try MiniBatchTrainer.metrics(soft, on: s, loss: Loss(.crossEntropy(reduction: .sum))).accuracy == 0.5)
        let regression = [Sample(input: [1], target: [2.5])]
        #expect(try MiniBatchTrainer.metrics(net, on: regression, loss: Loss(.squaredError(.mean))).accuracy == nil)
    }

    @Test func shuffledEpochsUseSuccessivePermutations() throws {
        // A network that cannot learn (η = 0) and batch size 1 records the samples' own losses in
        // visiting order: (x − 0)² with targets 0, so the iteration losses reveal the order.
        let net = try Network(layers: [DenseLayer(weights: Matrix(rows: 1, columns: 1, elements: [1]), bias: nil, activation: .identity)])
        let samples = (0..<5).map { Sample(input: [Double($0)], target: [0]) }
        let run = try MiniBatchTrainer(optimiser: SGD(learningRate: 0), loss: Loss(.squaredError(.mean)),
                                       schedule: MiniBatchSchedule(epochs: 2, batchSize: 1, shuffleSeed: 9),
                                       recordIterations: true).run(net, train: samples)
        var g = SplitMix64(seed: 9)
        let expected = (g.permutation(count: 5) + g.permutation(count: 5)).map { Double($0 * $0) }
        #expect(run.curves.iterationLosses == expected)
    }

    @Test func pytorchLinearBounds() throws {
        let net = try Network(layers: [DenseLayer(weights: Matrix(rows: 16, columns: 10), bias: Array(repeating: 0, count: 16), activation: .sigmoid),
                                       DenseLayer(weights: Matrix(rows: 1, columns: 16), bias: [0], activation: .identity)])
        let a = InitialisationScheme.pytorchLinear.initialise(net, seed: 3)
        #expect(a == InitialisationScheme.pytorchLinear.initialise(net, seed: 3))
        #expect(a != InitialisationScheme.pytorchLinear.initialise(net, seed: 4))
        let b1 = 1 / 10.0.squareRoot(), b2 = 0.25
        #expect(a.layers[0].weights.elements.allSatisfy { abs($0) <= b1 })
        #expect((a.layers[0].bias ?? []).allSatisfy { abs($0) <= b1 })
        #expect(a.layers[1].weights.elements.allSatisfy { abs($0) <= b2 })
        // The first weight is the generator's first draw mapped to U(−b, b).
        var g = SplitMix64(seed: 3)
        #expect(a.layers[0].weights[0, 0] == -b1 + 2 * b1 * g.unit())
        let x = InitialisationScheme.xavierUniform.initialise(net, seed: 3)
        #expect(x.layers[0].bias == Array(repeating: 0, count: 16))
        #expect(x.layers[0].weights.elements.allSatisfy { abs($0) <= (6.0 / 26).squareRoot() })
    }
}
