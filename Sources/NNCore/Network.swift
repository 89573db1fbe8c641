/// A fully connected layer: z = W a + b, then a' = f(z).
///
/// `weights` is out × in: row j holds the weights into unit j. Courses that store weights in × out
/// or fold the bias into the matrix are converted to this form by the problem layer.
public struct DenseLayer: Sendable, Hashable {
    /// Weights, out × in.
    public var weights: Matrix
    /// Biases, one per output unit; nil when the layer has none.
    public var bias: [Double]?
    /// The activation applied to z.
    public var activation: Activation

    /// Creates a layer. Precondition: `bias`, when present, has one entry per row of `weights`.
    public init(weights: Matrix, bias: [Double]? = nil, activation: Activation) {
        precondition(bias == nil || bias?.count == weights.rows, "bias length must equal the number of units")
        self.weights = weights
        self.bias = bias
        self.activation = activation
    }

    /// Number of inputs.
    public var inputSize: Int { weights.columns }
    /// Number of units.
    public var outputSize: Int { weights.rows }
}

/// A multilayer perceptron: dense layers applied in order.
public struct Network: Sendable, Hashable {
    /// The layers, input side first.
    public var layers: [DenseLayer]

    /// Creates a network, checking that consecutive layers fit together.
    public init(layers: [DenseLayer]) throws(NetworkError) {
        guard !layers.isEmpty else { throw NetworkError("a network needs at least one layer") }
        for l in 1..<layers.count where layers[l].inputSize != layers[l - 1].outputSize {
            throw NetworkError("layer \(l + 1) takes \(layers[l].inputSize) inputs but layer \(l) has \(layers[l - 1].outputSize) units")
        }
        self.layers = layers
    }

    /// Number of inputs of the first layer.
    public var inputSize: Int { layers[0].inputSize }
    /// Number of weights and biases.
    public var parameterCount: Int {
        layers.reduce(0) { $0 + $1.weights.elements.count + ($1.bias?.count ?? 0) }
    }

    /// Number of units of the last layer.
    public var outputSize: Int { layers[layers.count - 1].outputSize }
}

/// Replaces an intermediate value during a forward pass; everything downstream is recomputed from it.
///
/// Used for follow-through credit: "given your z⁽¹⁾, is your ŷ consistent?".
public struct ForwardOverride: Sendable, Hashable {
    /// Which quantity of a layer.
    public enum Quantity: Sendable, Hashable {
        /// The pre-activation z.
        case preActivation
        /// The activation a = f(z).
        case activation
    }
    /// 0-based layer index.
    public var layer: Int
    /// Which quantity is replaced.
    public var quantity: Quantity
    /// The replacement values.
    public var value: [Double]

    /// Creates an override.
    public init(layer: Int, quantity: Quantity, value: [Double]) {
        self.layer = layer
        self.quantity = quantity
        self.value = value
    }
}
