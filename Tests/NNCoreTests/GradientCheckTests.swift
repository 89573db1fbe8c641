import Testing
@testable import NNCore
import TestSupport

/// Checks every gradient the core computes against central finite differences.
@Suite struct GradientCheckTests {
    static let hiddenActivations: [Activation] = [
        .identity, .relu, .leakyRelu(slope: 0.1), .sigmoid, .tanh, .softplus(beta: 1), .softplus(beta: 2.5),
        .gelu, .elu(alpha: 1.3), .softmax,
        custom("x^2"), custom("5*relu(x)"), custom("if(x < -1, -(e - 1/e), if(x > 1, e - 1/e, exp(x) - exp(-x)))"),
        custom("softplus(x, 2) * tanh(x)"),
    ]

    static func custom(_ source: String) -> Activation {
        .custom(try! ExpressionParser.parse(source, variables: ["x"]), source: source)
    }

    static let losses: [(Loss, Activation)] = [
        (Loss(.squaredError(.halfSum)), .identity),
        (Loss(.squaredError(.sum), batchReduction: .sum), .tanh),
        (Loss(.squaredError(.mean)), .sigmoid),
        (Loss(.squaredError(.halfMean), batchReduction: .sum), .relu),
        (Loss(.binaryCrossEntropy(positiveWeight: 1, negativeWeight: 1, reduction: .sum)), .sigmoid),
        (Loss(.binaryCrossEntropy(positiveWeight: 5.5, negativeWeight: 0.55, reduction: .mean), batchReduction: .sum), .sigmoid),
        (Loss(.binaryCrossEntropy(positiveWeight: 1, negativeWeight: 1, reduction: .mean)), .softmax),
        (Loss(.crossEntropy(reduction: .sum)), .softmax),
        (Loss(.crossEntropy(reduction: .mean), batchReduction: .sum), .softmax),
    ]

    static func randomNetwork(_ rng: inout SeededGenerator, hidden: Activation, output: Activation,
                              outputs: Int) throws -> Network {
        let depth = Int.random(in: 1...3, using: &rng)
        var widths = [Int.random(in: 1...4, using: &rng)]
        for _ in 0..<depth { widths.append(Int.random(in: 2...4, using: &rng)) }
        widths.append(outputs)
        var layers: [DenseLayer] = []
        for l in 1..<widths.count {
            let w = Matrix(rows: widths[l], columns: widths[l - 1],
                           elements: (0..<(widths[l] * widths[l - 1])).map { _ in Double.random(in: -1.5...1.5, using: &rng) })
            let bias: [Double]? = Bool.random(using: &rng)
                ? (0..<widths[l]).map { _ in Double.random(in: -0.5...0.5, using: &rng) } : nil
            layers.append(DenseLayer(weights: w, bias: bias, activation: l == widths.count - 1 ? output : hidden))
        }
        return try Network(layers: layers)
    }

    static func randomBatch(_ rng: inout SeededGenerator, network: Network, loss: Loss) -> [Sample] {
        let n = Int.random(in: 1...3, using: &rng)
        return (0..<n).map { _ in
            let x = (0..<network.inputSize).map { _ in Double.random(in: -2...2, using: &rng) }
            var y: [Double]
            switch loss.kind {
            case .squaredError: y = (0..<network.outputSize).map { _ in Double.random(in: -1...1, using: &rng) }
            case .binaryCrossEntropy: y = (0..<network.outputSize).map { _ in Double(Int.random(in: 0...1, using: &rng)) }
            case .crossEntropy:
                y = [Double](repeating: 0, count: network.outputSize)
                y[Int.random(in: 0..<network.outputSize, using: &rng)] = 1
            }
            return Sample(input: x, target: y)
        }
    }

    /// True when some pre-activation sits so close to a kink that finite differences straddle it.
    /// True when some pre-activation sits so close to a kink that finite differences straddle it,
    /// or values grow so large (x² compounding) or probabilities so saturated that central
    /// differences in Double lose the digits the comparison needs.
    static func nearKink(_ net: Network, _ batch: [Sample]) throws -> Bool {
        for s in batch {
            let pass = try net.forward(s.input)
            if pass.layers.contains(where: { $0.z.contains { abs($0) > 8 } }) { return true }
            if pass.output.contains(where: { $0 < 1e-4 || $0 > 1 - 1e-4 }),
               case .softmax = net.layers[net.layers.count - 1].activation { return true }
            if pass.output.contains(where: { $0 < 1e-4 || $0 > 1 - 1e-4 }),
               case .sigmoid = net.layers[net.layers.count - 1].activation { return true }
            for (l, layer) in net.layers.enumerated() {
                switch layer.activation {
                case .relu, .leakyRelu, .elu, .custom:
                    // Kinks at 0 (ReLU-like) and at ±1 (the seed-000 piecewise activation).
                    if pass.layers[l].z.contains(where: { abs($0) < 1e-3 || abs(abs($0) - 1) < 1e-3 }) { return true }
                default: break
                }
            }
        }
        return false
    }

    static func expectClose(_ analytic: Double, _ numeric: Double, _ what: String) {
        let scale = max(1, abs(analytic), abs(numeric))
        #expect(abs(analytic - numeric) <= 1e-5 * scale, "\(what): analytic \(analytic) vs numeric \(numeric)")
    }

    @Test(arguments: 0..<12)
    func everyGradientMatchesFiniteDifferences(seed: Int) throws {
        var rng = SeededGenerator(seed: UInt64(seed) &* 7919 &+ 17)
        var checked = 0
        for hidden in Self.hiddenActivations {
            for (loss, output) in Self.losses {
                var net = try Self.randomNetwork(&rng, hidden: hidden, output: output,
                                                 outputs: output == .softmax ? 3 : Int.random(in: 1...3, using: &rng))
                var batch = Self.randomBatch(&rng, network: net, loss: loss)
                var attempts = 0
                while try Self.nearKink(net, batch), attempts < 200 {
                    net = try Self.randomNetwork(&rng, hidden: hidden, output: output, outputs: net.outputSize)
                    batch = Self.randomBatch(&rng, network: net, loss: loss)
                    attempts += 1
                }
                try Self.check(net, batch, loss, label: "\(hidden.name)→\(output.name) \(loss.formula)")
                checked += 1
            }
        }
        #expect(checked == Self.hiddenActivations.count * Self.losses.count)
    }

    static func check(_ net: Network, _ batch: [Sample], _ loss: Loss, label: String) throws {
        let eval = try net.evaluate(batch, loss: loss)
        let h = 1e-6
        func lossOf(_ n: Network, _ b: [Sample]) throws -> Double { try n.evaluate(b, loss: loss).loss }
        for l in net.layers.indices {
            for i in net.layers[l].weights.elements.indices {
                var plus = net, minus = net
                plus.layers[l].weights.elements[i] += h
                minus.layers[l].weights.elements[i] -= h
                let numeric = (try lossOf(plus, batch) - lossOf(minus, batch)) / (2 * h)
                expectClose(eval.gradients.layers[l].dW.elements[i], numeric, "\(label) dW\(l + 1)[\(i)]")
            }
            // ∂L/∂b is checked whether or not the layer has a bias: δ is ∂L/∂z either way.
            for i in 0..<net.layers[l].outputSize {
                var plus = net, minus = net
                plus.layers[l].bias = (plus.layers[l].bias ?? Array(repeating: 0, count: net.layers[l].outputSize))
                plus.layers[l].bias?[i] += h
                minus.layers[l].bias = (minus.layers[l].bias ?? Array(repeating: 0, count: net.layers[l].outputSize))
                minus.layers[l].bias?[i] -= h
                let numeric = (try lossOf(plus, batch) - lossOf(minus, batch)) / (2 * h)
                expectClose(eval.gradients.layers[l].dB[i], numeric, "\(label) db\(l + 1)[\(i)]")
            }
        }
        // ∂L/∂x for the first sample, with the batch reduction applied.
        let scale = loss.batchReduction == .mean ? 1 / Double(batch.count) : 1
        for i in batch[0].input.indices {
            var plus = batch, minus = batch
            plus[0].input[i] += h
            minus[0].input[i] -= h
            let numeric = (try lossOf(net, plus) - lossOf(net, minus)) / (2 * h)
            expectClose(eval.perSample[0].dInput[i] * scale, numeric, "\(label) dx[\(i)]")
        }
        // ∂L/∂ŷ against the loss alone.
        let yHat = eval.passes[0].output
        let isSquaredError: Bool
        if case .squaredError = loss.kind { isSquaredError = true } else { isSquaredError = false }
        for i in yHat.indices {
            // Probabilities near 0 or 1 need a step scaled to their distance from the boundary.
            let hy = isSquaredError ? h : min(h, 1e-4 * min(yHat[i], 1 - yHat[i]))
            guard hy > 0 else { continue }
            var plus = yHat, minus = yHat
            plus[i] += hy
            minus[i] -= hy
            let numeric = (try loss.value(prediction: plus, target: batch[0].target)
                - loss.value(prediction: minus, target: batch[0].target)) / (2 * hy)
            expectClose(eval.perSample[0].dOutput[i], numeric, "\(label) dŷ[\(i)]")
        }
    }

    @Test func activationJacobiansMatchFiniteDifferences() throws {
        let z = [0.3, -1.2, 2.0]
        for activation in Self.hiddenActivations {
            let a = try activation.apply(z)
            let j = try activation.jacobian(z: z, a: a)
            for c in z.indices {
                var zp = z, zm = z
                zp[c] += 1e-6
                zm[c] -= 1e-6
                let ap = try activation.apply(zp), am = try activation.apply(zm)
                for r in z.indices {
                    Self.expectClose(j[r, c], (ap[r] - am[r]) / 2e-6, "\(activation.name) J[\(r),\(c)]")
                }
            }
        }
    }
}
