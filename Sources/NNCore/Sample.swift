/// One training example: an input and its target.
public struct Sample: Sendable, Hashable {
    /// The input x.
    public var input: [Double]
    /// The target y.
    public var target: [Double]

    /// Creates a sample.
    public init(input: [Double], target: [Double]) {
        self.input = input
        self.target = target
    }
}

/// The forward and backward results for a batch, with the loss and gradients reduced over it.
public struct BatchEvaluation: Sendable, Hashable {
    /// The forward pass of each sample, in order.
    public var passes: [ForwardPass]
    /// The backward pass of each sample, in order (per-sample, not reduced).
    public var perSample: [BackwardPass]
    /// Each sample's loss.
    public var sampleLosses: [Double]
    /// The batch loss: mean or sum of `sampleLosses` according to the loss's batch reduction.
    public var loss: Double
    /// The reduced derivatives, layer by layer (mean or sum of the per-sample values).
    public var gradients: BackwardPass
}

extension Network {
    /// Evaluates the loss and its gradients over a batch, using the current weights throughout.
    public func evaluate(_ batch: [Sample], loss: Loss, overrides: [ForwardOverride] = [],
                         options: DifferentiationOptions = .init()) throws(NetworkError) -> BatchEvaluation {
        guard !batch.isEmpty else { throw NetworkError("the batch is empty") }
        var passes: [ForwardPass] = []
        var backs: [BackwardPass] = []
        var losses: [Double] = []
        for sample in batch {
            let pass = try forward(sample.input, overrides: overrides, options: options)
            let outputLayer = layers[layers.count - 1]
            let l = try loss.value(prediction: pass.output, target: sample.target,
                                   logits: pass.outputOverridden ? nil : pass.layers[layers.count - 1].z,
                                   outputActivation: outputLayer.activation)
            passes.append(pass)
            losses.append(l)
            backs.append(try backward(pass, target: sample.target, loss: loss, options: options))
        }
        let scale = loss.batchReduction == .mean ? 1 / Double(batch.count) : 1
        let total = losses.reduce(0, +) * scale
        return BatchEvaluation(passes: passes, perSample: backs, sampleLosses: losses, loss: total,
                               gradients: BackwardPass.combine(backs, scale: scale))
    }
}

extension BackwardPass {
    /// The entry-wise sum of several backward passes, multiplied by `scale`.
    static func combine(_ passes: [BackwardPass], scale: Double) -> BackwardPass {
        guard var acc = passes.first else { return BackwardPass(dOutput: [], layers: [], dInput: []) }
        func add(_ u: inout [Double], _ v: [Double]) { for i in u.indices { u[i] += v[i] } }
        for p in passes.dropFirst() {
            add(&acc.dOutput, p.dOutput)
            add(&acc.dInput, p.dInput)
            for l in acc.layers.indices {
                add(&acc.layers[l].dA, p.layers[l].dA)
                add(&acc.layers[l].delta, p.layers[l].delta)
                add(&acc.layers[l].dB, p.layers[l].dB)
                add(&acc.layers[l].dW.elements, p.layers[l].dW.elements)
            }
        }
        if scale == 1 { return acc }
        func scaled(_ u: [Double]) -> [Double] { u.map { $0 * scale } }
        acc.dOutput = scaled(acc.dOutput)
        acc.dInput = scaled(acc.dInput)
        for l in acc.layers.indices {
            acc.layers[l].dA = scaled(acc.layers[l].dA)
            acc.layers[l].delta = scaled(acc.layers[l].delta)
            acc.layers[l].dB = scaled(acc.layers[l].dB)
            acc.layers[l].dW = scale * acc.layers[l].dW
        }
        return acc
    }
}
