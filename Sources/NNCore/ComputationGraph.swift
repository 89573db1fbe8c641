/// A computational graph of named scalar nodes, each defined by an expression over named inputs
/// and earlier nodes (e.g. inputs x, y, z and nodes a = x*y + z, b = (x+x)*a, w = a*b).
///
/// Evaluation runs the nodes in definition order; `gradient(of:inputs:options:)` records the
/// graph on a `Tape` and performs one reverse sweep (backpropagation).
public struct ComputationGraph: Sendable {
    /// One named node and the expression that defines it.
    public struct Node: Sendable, Hashable {
        /// The node's name, referable from later nodes.
        public var name: String
        /// The defining expression over inputs and earlier nodes.
        public var expression: Expression

        /// Creates a node.
        public init(name: String, expression: Expression) {
            self.name = name
            self.expression = expression
        }
    }

    /// Why a graph could not be built, evaluated or differentiated.
    public enum GraphError: Error, Equatable, Sendable, CustomStringConvertible {
        /// Two inputs or nodes share a name.
        case duplicateName(String)
        /// A node refers to a name that is neither an input nor an earlier node (or a gradient
        /// target that does not exist, reported with `node` equal to the name).
        case unknownName(String, node: String)
        /// The named node depends on itself, directly or through other nodes.
        case cycle(String)
        /// Parsing or evaluating the named node (or reading the named input) failed.
        case expression(node: String, ExpressionError)

        /// A one-line explanation.
        public var description: String {
            switch self {
            case .duplicateName(let name):
                return "duplicate name '\(name)'"
            case .unknownName(let name, let node) where name == node:
                return "unknown name '\(name)'"
            case .unknownName(let name, let node):
                return "node '\(node)' refers to '\(name)', which is not an input or an earlier node"
            case .cycle(let name):
                return "node '\(name)' depends on itself"
            case .expression(let node, let error):
                return "'\(node)': \(error.message)" + (error.offset > 0 ? " (at offset \(error.offset))" : "")
            }
        }
    }

    /// The input names, in order.
    public let inputs: [String]
    /// The nodes, in definition order.
    public let nodes: [Node]

    /// Creates a graph; nodes may reference inputs and any node defined earlier. Rejects
    /// duplicate names, cycles, and references to later or unknown names.
    public init(inputs: [String], nodes: [Node]) throws(GraphError) {
        var seen = Set<String>()
        for name in inputs + nodes.map(\.name) where !seen.insert(name).inserted {
            throw .duplicateName(name)
        }
        let inputSet = Set(inputs)
        var nodeIndex: [String: Int] = [:]
        for (i, node) in nodes.enumerated() { nodeIndex[node.name] = i }
        let references = nodes.map { $0.expression.freeVariables.sorted() }
        if let cyclic = Self.firstCyclicNode(references: references, nodeIndex: nodeIndex) {
            throw .cycle(nodes[cyclic].name)
        }
        for (i, node) in nodes.enumerated() {
            for name in references[i] where !inputSet.contains(name) {
                guard let j = nodeIndex[name], j < i else { throw .unknownName(name, node: node.name) }
            }
        }
        self.inputs = inputs
        self.nodes = nodes
    }

    /// Convenience: parses each `source` (the right-hand side of "name = source") in order.
    public init(inputs: [String], definitions: [(name: String, source: String)]) throws(GraphError) {
        let names = Set(inputs + definitions.map(\.name))
        var nodes: [Node] = []
        for definition in definitions {
            do {
                let expression = try ExpressionParser.parse(
                    definition.source, variables: names, acceptingUnknownIdentifiers: true)
                nodes.append(Node(name: definition.name, expression: expression))
            } catch {
                throw .expression(node: definition.name, error)
            }
        }
        try self.init(inputs: inputs, nodes: nodes)
    }

    /// Values of every input and node.
    public func evaluate(
        inputs values: [String: Double], options: EvaluationOptions = .init()
    ) throws(GraphError) -> [String: Double] {
        var result: [String: Double] = [:]
        for name in inputs { result[name] = try Self.inputValue(name, values) }
        for node in nodes {
            do {
                result[node.name] = try node.expression.evaluate(result, options: options)
            } catch {
                throw .expression(node: node.name, error)
            }
        }
        return result
    }

    /// ∂target/∂n for every input and node n (total derivative through the graph), by one
    /// reverse sweep on the Tape. Nodes defined after the target get 0 and are not evaluated.
    public func gradient(
        of target: String, inputs values: [String: Double], options: EvaluationOptions = .init()
    ) throws(GraphError) -> [String: Double] {
        let targetIndex = nodes.firstIndex { $0.name == target }
        guard targetIndex != nil || inputs.contains(target) else { throw .unknownName(target, node: target) }
        var tape = Tape()
        var ids: [String: Tape.NodeID] = [:]
        for name in inputs { ids[name] = tape.variable(try Self.inputValue(name, values)) }
        let recorded = targetIndex.map { nodes[...$0] } ?? []
        for node in recorded {
            do {
                let root = try node.expression.record(on: &tape, bindings: ids, options: options)
                // A node of its own, so that an alias such as `a = x` gets its own adjoint.
                ids[node.name] = tape.record(tape.value(root), root, 1)
            } catch {
                throw .expression(node: node.name, error)
            }
        }
        guard let output = ids[target] else { throw .unknownName(target, node: target) }
        let adjoints = tape.gradient(of: output)
        var result: [String: Double] = [:]
        for name in inputs + nodes.map(\.name) {
            let derivative = ids[name].map { adjoints[$0] } ?? 0
            guard derivative.isFinite else {
                throw .expression(node: name, ExpressionError(message: "derivative is not a finite number", offset: 0))
            }
            result[name] = derivative
        }
        return result
    }

    private static func inputValue(_ name: String, _ values: [String: Double]) throws(GraphError) -> Double {
        guard let value = values[name] else {
            throw .expression(node: name, ExpressionError(message: "unbound variable '\(name)'", offset: 0))
        }
        guard value.isFinite else {
            throw .expression(node: name, ExpressionError(message: "value of '\(name)' is not a finite number", offset: 0))
        }
        return value
    }

    /// The first node, in definition order, that lies on a reference cycle among nodes.
    private static func firstCyclicNode(references: [[String]], nodeIndex: [String: Int]) -> Int? {
        // 0 = unvisited, 1 = on the current path, 2 = finished. Iterative depth-first search.
        var state = [UInt8](repeating: 0, count: references.count)
        for root in references.indices where state[root] == 0 {
            var stack: [(node: Int, next: Int)] = [(root, 0)]
            state[root] = 1
            while let top = stack.last {
                let refs = references[top.node]
                if top.next == refs.count {
                    state[top.node] = 2
                    stack.removeLast()
                    continue
                }
                stack[stack.count - 1].next += 1
                guard let child = nodeIndex[refs[top.next]] else { continue }
                if state[child] == 1 {
                    // The cycle is the part of the path from `child` on; report its earliest node.
                    let start = stack.firstIndex { $0.node == child } ?? 0
                    return stack[start...].map(\.node).min()
                }
                if state[child] == 0 {
                    state[child] = 1
                    stack.append((child, 0))
                }
            }
        }
        return nil
    }
}
