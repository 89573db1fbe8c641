import NNCore

/// A network as a course writes it: the core network plus the storage conventions that decide how
/// weights, their gradients and their updates are laid out in answers.
///
/// Layouts (per layer l, with n inputs and m units):
/// - `outIn` (default): W is m × n and z = W a + b (rows are units).
/// - `inOut`: W is n × m and z = Wᵀ a + b (seed 002, CS2109S).
/// Bias placements:
/// - `separate` (default): b is its own vector (or absent).
/// - `folded`: the bias is part of W and the input is augmented with a leading 1 — the first
///   column of an m × (n+1) matrix in `outIn`, the first row of an (n+1) × m matrix in `inOut`.
/// Gradients and updated weights are reported in the same layout as the weights were given.
public struct NetworkSpec: Sendable, Hashable {
    /// The network in the core's canonical form (out × in, separate bias).
    public var network: Network
    /// How weight matrices are written.
    public var layout: WeightLayout
    /// Where biases live.
    public var biasPlacement: BiasPlacement
    /// Course-specific names of single parameters (e.g. `w3,6`, `w1`), mapped to a weight entry.
    public var parameterNames: [String: ParameterAddress]

    /// Creates a specification.
    public init(network: Network, layout: WeightLayout = .outIn, biasPlacement: BiasPlacement = .separate,
                parameterNames: [String: ParameterAddress] = [:]) {
        self.network = network
        self.layout = layout
        self.biasPlacement = biasPlacement
        self.parameterNames = parameterNames
    }

    /// A layer's weights as the course writes them, given the canonical weights and bias.
    public func courseWeights(layer l: Int, weights: Matrix, bias: [Double]?) -> Matrix {
        var m = weights
        if biasPlacement == .folded {
            let b = bias ?? Array(repeating: 0, count: weights.rows)
            var folded = Matrix(rows: weights.rows, columns: weights.columns + 1)
            for r in 0..<weights.rows {
                folded[r, 0] = b[r]
                for c in 0..<weights.columns { folded[r, c + 1] = weights[r, c] }
            }
            m = folded
        }
        return layout == .inOut ? m.transposed : m
    }

    /// Converts a course-layout matrix to canonical weights (out × in) and, when folded, a bias.
    public static func canonical(_ given: Matrix, layout: WeightLayout, biasPlacement: BiasPlacement)
        -> (weights: Matrix, bias: [Double]?)
    {
        let m = layout == .inOut ? given.transposed : given
        guard biasPlacement == .folded else { return (m, nil) }
        var w = Matrix(rows: m.rows, columns: max(0, m.columns - 1))
        var b = [Double](repeating: 0, count: m.rows)
        for r in 0..<m.rows {
            b[r] = m[r, 0]
            for c in 1..<max(1, m.columns) { w[r, c - 1] = m[r, c] }
        }
        return (w, b)
    }

    /// The shape a layer's weight matrix has in the course's layout, as (rows, columns).
    public func courseShape(layer l: Int) -> (rows: Int, columns: Int) {
        let layer = network.layers[l]
        let cols = layer.inputSize + (biasPlacement == .folded ? 1 : 0)
        return layout == .inOut ? (cols, layer.outputSize) : (layer.outputSize, cols)
    }
}

/// How a weight matrix is written.
public enum WeightLayout: String, Sendable, Hashable, CaseIterable {
    /// Rows are units: W is out × in, z = W a + b.
    case outIn = "out_in"
    /// Rows are inputs: W is in × out, z = Wᵀ a + b.
    case inOut = "in_out"
}

/// Where a layer's bias is stored.
public enum BiasPlacement: String, Sendable, Hashable, CaseIterable {
    /// A separate vector b.
    case separate
    /// Folded into W, with an augmented input [1; a].
    case folded
}

/// One entry of one layer's weight matrix in the course's layout (1-based, as written by hand).
public struct ParameterAddress: Sendable, Hashable, CustomStringConvertible {
    /// 1-based layer number.
    public var layer: Int
    /// 1-based row in the course layout.
    public var row: Int
    /// 1-based column in the course layout.
    public var column: Int

    /// Creates an address.
    public init(layer: Int, row: Int, column: Int) {
        self.layer = layer
        self.row = row
        self.column = column
    }

    public var description: String { "W\(layer)[\(row),\(column)]" }
}
