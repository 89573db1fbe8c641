/// Every derivative reverse-mode differentiation yields for one sample, or for a batch.
///
/// Per layer l: δ = ∂L/∂z, ∂L/∂a, ∂L/∂W = δ a_prevᵀ, ∂L/∂b = δ. For a batch, each of these is
/// the batch-reduced (mean or sum) combination of the per-sample values, matching the loss.
public struct BackwardPass: Sendable, Hashable {
    /// The derivatives of one layer.
    public struct LayerGradients: Sendable, Hashable {
        /// ∂L/∂a for this layer's activation.
        public var dA: [Double]
        /// δ = ∂L/∂z.
        public var delta: [Double]
        /// ∂L/∂W, same shape as W (out × in).
        public var dW: Matrix
        /// ∂L/∂b.
        public var dB: [Double]
    }

    /// ∂L/∂ŷ.
    public var dOutput: [Double]
    /// Per layer, input side first.
    public var layers: [LayerGradients]
    /// ∂L/∂x.
    public var dInput: [Double]
}

extension Network {
    /// Back-propagates the loss of one sample through a completed forward pass.
    ///
    /// Uses the weights in `self` (the old weights, when training updates them simultaneously).
    /// When the output activation and loss have a fused form (sigmoid + BCE, softmax + CE), δ at
    /// the output is computed from it directly, which is exact and stable.
    public func backward(_ pass: ForwardPass, target y: [Double], loss: Loss,
                         options: DifferentiationOptions = .init()) throws(NetworkError) -> BackwardPass {
        guard y.count == outputSize else {
            throw NetworkError("target has \(y.count) entries but the network has \(outputSize) outputs")
        }
        let last = layers.count - 1
        let yHat = pass.output
        let dOutput = try loss.gradient(prediction: yHat, target: y)
        var grads = [BackwardPass.LayerGradients?](repeating: nil, count: layers.count)
        var dA = dOutput
        for l in stride(from: last, through: 0, by: -1) {
            let layer = layers[l]
            let values = pass.layers[l]
            let delta: [Double]
            if l == last, !pass.outputOverridden, let fused = loss.fusedOutputDelta(prediction: yHat, target: y, outputActivation: layer.activation) {
                delta = fused
            } else {
                delta = try layer.activation.backward(z: values.z, a: values.a, upstream: dA, options: options)
            }
            let aPrev = pass.inputToLayer(l)
            grads[l] = .init(dA: dA, delta: delta, dW: .outer(delta, aPrev), dB: delta)
            dA = layer.weights.transposeMultiply(delta)
        }
        return BackwardPass(dOutput: dOutput, layers: grads.compactMap { $0 }, dInput: dA)
    }
}
