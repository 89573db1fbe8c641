import NNCore
import NNProblem

/// The fixed architecture of a `network` question: the student chooses the weights.
///
/// The network takes one input x and has one output. Weights are keyed by layer, `W1`, `W2`, …,
/// in the course's layout (`weight_layout`, `bias` as in `network`); with separate biases,
/// `b1`, `b2`, … may be given too (absent means 0).
public struct NetworkDesign: Sendable, Hashable {
    /// Units and activation of each layer, input side first.
    public var layers: [(units: Int, activation: Activation)] {
        get { zip(units, activations).map { ($0, $1) } }
        set { units = newValue.map(\.units); activations = newValue.map(\.activation) }
    }
    private var units: [Int]
    private var activations: [Activation]
    /// How W is written.
    public var layout: WeightLayout
    /// Where biases live.
    public var biasPlacement: BiasPlacement

    /// Creates a design.
    public init(layers: [(units: Int, activation: Activation)], layout: WeightLayout, biasPlacement: BiasPlacement) {
        self.units = layers.map(\.units)
        self.activations = layers.map(\.activation)
        self.layout = layout
        self.biasPlacement = biasPlacement
    }

    /// A student's network, or why their weights do not define one.
    public enum Built: Sendable {
        /// The network.
        case network(Network)
        /// The grade for weights that do not fit the architecture.
        case rejected(FormulaGrade)
    }

    /// The expected course-layout shape of layer l's W (0-based l).
    public func shape(ofLayer l: Int) -> (rows: Int, columns: Int) {
        let inputs = (l == 0 ? 1 : units[l - 1]) + (biasPlacement == .folded ? 1 : 0)
        return layout == .inOut ? (inputs, units[l]) : (units[l], inputs)
    }

    /// What the expected shape means, e.g. "inputs + 1 rows × units columns".
    func shapeMeaning() -> String {
        let inputs = biasPlacement == .folded ? "inputs + 1" : "inputs"
        return layout == .inOut ? "\(inputs) rows × units columns" : "units rows × \(inputs) columns"
    }

    /// The network a student's weights define, or a grade naming the layer with the wrong shape.
    public func network(from answer: [String: Tensor]) -> Built {
        let known = Set((1...units.count).map { "W\($0)" } + (biasPlacement == .separate ? (1...units.count).map { "b\($0)" } : []))
        if let unknown = answer.keys.sorted().first(where: { !known.contains($0) }) {
            return .rejected(FormulaGrade(verdict: .wrongShape,
                                         message: "'\(unknown)' is not part of the architecture; give \(known.sorted().joined(separator: ", "))"))
        }
        var layers: [DenseLayer] = []
        for l in units.indices {
            let name = "W\(l + 1)"
            let (rows, columns) = shape(ofLayer: l)
            guard let given = answer[name] else {
                return .rejected(FormulaGrade(verdict: .missing, message: "\(name) is missing; it is \(rows)×\(columns)"))
            }
            let m = given.asMatrix
            let fits = (m.rows == rows && m.columns == columns) || (given.rank == 1 && given.scalars.count == rows * columns && (rows == 1 || columns == 1))
            guard fits else {
                return .rejected(FormulaGrade(
                    verdict: .wrongShape,
                    message: "\(name) should be \(rows)×\(columns) (\(shapeMeaning()), \(layout.rawValue) layout); yours is \(FormulaAgreement.shapeText(given))"))
            }
            let matrix = Matrix(rows: rows, columns: columns, elements: given.scalars)
            var (weights, bias) = NetworkSpec.canonical(matrix, layout: layout, biasPlacement: biasPlacement)
            if biasPlacement == .separate, let b = answer["b\(l + 1)"] {
                guard b.scalars.count == units[l] else {
                    return .rejected(FormulaGrade(verdict: .wrongShape,
                                                 message: "b\(l + 1) should have \(units[l]) entries; yours has \(b.scalars.count)"))
                }
                bias = b.scalars
            }
            layers.append(DenseLayer(weights: weights, bias: bias, activation: activations[l]))
        }
        do {
            return .network(try Network(layers: layers))
        } catch {
            return .rejected(FormulaGrade(verdict: .wrongShape, message: error.message))
        }
    }
}

extension NetworkDesign {
    public static func == (lhs: NetworkDesign, rhs: NetworkDesign) -> Bool {
        lhs.units == rhs.units && lhs.activations == rhs.activations && lhs.layout == rhs.layout && lhs.biasPlacement == rhs.biasPlacement
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(units)
        hasher.combine(layout)
        hasher.combine(biasPlacement)
    }
}
