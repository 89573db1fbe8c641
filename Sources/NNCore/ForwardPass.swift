/// The values a forward pass produces for one sample: every layer's z and a.
public struct ForwardPass: Sendable, Hashable {
    /// The values of one layer.
    public struct LayerValues: Sendable, Hashable {
        /// Pre-activation z = W a_prev + b.
        public var z: [Double]
        /// Activation a = f(z).
        public var a: [Double]
    }

    /// The input x (a⁽⁰⁾).
    public var input: [Double]
    /// One entry per layer, input side first.
    public var layers: [LayerValues]
    /// Whether the output activation was replaced, so that it no longer equals f(z) and the
    /// fused loss forms (which read z) must not be used.
    public var outputOverridden = false

    /// The network output ŷ (the last layer's activation).
    public var output: [Double] { layers[layers.count - 1].a }

    /// The activation feeding layer `l` (0-based): x for the first layer.
    public func inputToLayer(_ l: Int) -> [Double] { l == 0 ? input : layers[l - 1].a }
}

extension Network {
    /// Runs the network on one input, applying any overrides of intermediate values.
    public func forward(_ x: [Double], overrides: [ForwardOverride] = [],
                        options: DifferentiationOptions = .init()) throws(NetworkError) -> ForwardPass {
        guard x.count == inputSize else {
            throw NetworkError("input has \(x.count) entries but the network takes \(inputSize)")
        }
        var values: [ForwardPass.LayerValues] = []
        values.reserveCapacity(layers.count)
        var a = x
        for (l, layer) in layers.enumerated() {
            var z = layer.weights.multiply(a)
            if let b = layer.bias { for i in z.indices { z[i] += b[i] } }
            if let o = overrides.first(where: { $0.layer == l && $0.quantity == .preActivation }) {
                guard o.value.count == z.count else {
                    throw NetworkError("override of z\(l + 1) has \(o.value.count) entries, expected \(z.count)")
                }
                z = o.value
            }
            a = try layer.activation.apply(z, options: options)
            if let o = overrides.first(where: { $0.layer == l && $0.quantity == .activation }) {
                guard o.value.count == a.count else {
                    throw NetworkError("override of a\(l + 1) has \(o.value.count) entries, expected \(a.count)")
                }
                a = o.value
            }
            values.append(.init(z: z, a: a))
        }
        let last = layers.count - 1
        return ForwardPass(input: x, layers: values,
                           outputOverridden: overrides.contains { $0.layer == last && $0.quantity == .activation })
    }
}
