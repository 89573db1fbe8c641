import NNCore

/// A computational graph and the values of its inputs.
public struct GraphSpec: Sendable {
    /// The graph.
    public var graph: ComputationGraph
    /// Input values.
    public var inputs: [String: Double]
    /// Node names in definition order (inputs first), for tables.
    public var order: [String]
}

extension GraphSpec: Hashable {
    public static func == (lhs: GraphSpec, rhs: GraphSpec) -> Bool { lhs.inputs == rhs.inputs && lhs.order == rhs.order }
    public func hash(into hasher: inout Hasher) { hasher.combine(order) }
}
