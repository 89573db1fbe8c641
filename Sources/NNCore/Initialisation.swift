/// How a network's weights and biases are drawn before training, from a seeded `SplitMix64`.
///
/// Draw order, so that another implementation can reproduce the numbers: layer by layer (input
/// side first); within a layer every weight in row-major out × in order (unit by unit, input by
/// input), then every bias. Each draw is `low + (high − low) · unit()`.
///
/// | scheme | weights | biases |
/// |---|---|---|
/// | `pytorchLinear` | U(−1/√fan_in, 1/√fan_in) | U(−1/√fan_in, 1/√fan_in) |
/// | `xavierUniform` | U(−√(6/(fan_in + fan_out)), +√(6/(fan_in + fan_out))) | 0 |
/// | `heUniform` | U(−√(6/fan_in), +√(6/fan_in)) | 0 |
///
/// `pytorchLinear` is the distribution of PyTorch's `nn.Linear` default (`kaiming_uniform_` with
/// a = √5 gives the bound √(6/((1 + 5)·fan_in)) = 1/√fan_in). PyTorch draws from its own
/// generator, so the same seed does not give PyTorch's numbers: to match a student's run exactly,
/// give the weights.
public enum InitialisationScheme: String, Sendable, Hashable, CaseIterable {
    /// PyTorch's `nn.Linear` default.
    case pytorchLinear = "pytorch_linear"
    /// Glorot and Bengio's uniform scheme, zero biases.
    case xavierUniform = "xavier_uniform"
    /// He et al.'s uniform scheme for ReLU networks, zero biases.
    case heUniform = "he_uniform"

    /// The weight bound b of U(−b, b) for a layer.
    public func weightBound(fanIn: Int, fanOut: Int) -> Double {
        switch self {
        case .pytorchLinear: return 1 / Double(fanIn).squareRoot()
        case .xavierUniform: return (6 / Double(fanIn + fanOut)).squareRoot()
        case .heUniform: return (6 / Double(fanIn)).squareRoot()
        }
    }

    /// The bias bound (0: biases start at 0).
    public func biasBound(fanIn: Int) -> Double {
        self == .pytorchLinear ? 1 / Double(fanIn).squareRoot() : 0
    }

    /// Redraws every weight and bias of `network` (its shapes and activations are kept; a layer
    /// without a bias keeps none).
    public func initialise(_ network: Network, seed: UInt64) -> Network {
        var generator = SplitMix64(seed: seed)
        var result = network
        for l in result.layers.indices {
            let layer = result.layers[l]
            let wb = weightBound(fanIn: layer.inputSize, fanOut: layer.outputSize)
            var w = layer.weights
            for i in w.elements.indices { w.elements[i] = -wb + 2 * wb * generator.unit() }
            result.layers[l].weights = w
            if let bias = layer.bias {
                let bb = biasBound(fanIn: layer.inputSize)
                result.layers[l].bias = bias.map { _ in bb == 0 ? 0 : -bb + 2 * bb * generator.unit() }
            }
        }
        return result
    }
}
