/// A micrograd-style reverse-mode automatic-differentiation tape: a Wengert list of scalar nodes,
/// each holding its value and the local partial derivatives with respect to the earlier nodes it
/// was computed from; `gradient(of:)` sweeps the list backwards accumulating adjoints.
///
/// Nodes are appended in evaluation order, so every edge points to an earlier node and one
/// backward pass over the list visits each node after all of its consumers. Nodes that depend on
/// no variable are marked constant and edges to them are dropped, so a meaningless partial
/// (for instance ∂(xʸ)/∂y for x < 0 with a constant y) never reaches a result.
public struct Tape: Sendable {
    /// A handle to one node of a tape.
    public struct NodeID: Hashable, Sendable {
        /// Position of the node in the tape.
        public let index: Int
    }

    /// The adjoints ∂output/∂node produced by one reverse sweep.
    public struct Adjoints: Sendable {
        fileprivate let values: [Double]

        /// ∂output/∂node; 0 for nodes the output does not depend on.
        public subscript(node: NodeID) -> Double {
            node.index < values.count ? values[node.index] : 0
        }
    }

    private var values: [Double] = []
    private var constantFlags: [Bool] = []
    /// `edgeEnds[i]` is one past the last edge of node i; node i's edges start at `edgeEnds[i - 1]`.
    private var edgeEnds: [Int] = []
    private var edgeSources: [Int] = []
    private var edgePartials: [Double] = []

    /// Creates an empty tape.
    public init() {}

    /// The number of nodes recorded so far.
    public var count: Int { values.count }

    /// The value of a node.
    public func value(_ node: NodeID) -> Double { values[node.index] }

    /// Whether a node depends on no variable.
    public func isConstant(_ node: NodeID) -> Bool { constantFlags[node.index] }

    /// Records an independent variable (a leaf that gradients are taken with respect to).
    public mutating func variable(_ value: Double) -> NodeID {
        append(value, constant: false)
    }

    /// Records a constant leaf.
    public mutating func constant(_ value: Double) -> NodeID {
        append(value, constant: true)
    }

    /// Records a node computed from one earlier node with local partial `partial`.
    public mutating func record(_ value: Double, _ input: NodeID, _ partial: Double) -> NodeID {
        var constant = true
        addEdge(input, partial, constant: &constant)
        return append(value, constant: constant)
    }

    /// Records a node computed from two earlier nodes with their local partials.
    public mutating func record(
        _ value: Double, _ first: NodeID, _ firstPartial: Double, _ second: NodeID, _ secondPartial: Double
    ) -> NodeID {
        var constant = true
        addEdge(first, firstPartial, constant: &constant)
        addEdge(second, secondPartial, constant: &constant)
        return append(value, constant: constant)
    }

    /// Records a node computed from any number of earlier nodes with their local partials.
    public mutating func record(_ value: Double, _ inputs: [(node: NodeID, partial: Double)]) -> NodeID {
        var constant = true
        for input in inputs { addEdge(input.node, input.partial, constant: &constant) }
        return append(value, constant: constant)
    }

    /// One reverse sweep from `output`: the adjoint ∂output/∂n of every node n.
    public func gradient(of output: NodeID) -> Adjoints {
        var adjoints = [Double](repeating: 0, count: output.index + 1)
        adjoints[output.index] = 1
        for node in stride(from: output.index, through: 0, by: -1) {
            let adjoint = adjoints[node]
            if adjoint == 0 { continue }
            let start = node == 0 ? 0 : edgeEnds[node - 1]
            for edge in start..<edgeEnds[node] {
                adjoints[edgeSources[edge]] += adjoint * edgePartials[edge]
            }
        }
        return Adjoints(values: adjoints)
    }

    private mutating func addEdge(_ source: NodeID, _ partial: Double, constant: inout Bool) {
        precondition(source.index < values.count, "tape edge to a node that is not recorded")
        if constantFlags[source.index] { return }
        constant = false
        edgeSources.append(source.index)
        edgePartials.append(partial)
    }

    private mutating func append(_ value: Double, constant: Bool) -> NodeID {
        values.append(value)
        constantFlags.append(constant)
        edgeEnds.append(edgeSources.count)
        return NodeID(index: values.count - 1)
    }
}
