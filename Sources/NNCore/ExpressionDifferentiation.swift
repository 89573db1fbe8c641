extension Expression {
    /// f(v) and df/dv at the given value of one variable (others bound in `bindings`), computed
    /// exactly by automatic differentiation (no finite differences): the expression is recorded
    /// on a `Tape` and swept back once. Throws like `evaluate`, and "derivative is not a finite
    /// number" when the derivative does not exist as a finite value (e.g. sqrt at 0).
    public func valueAndDerivative(
        withRespectTo variable: String, at value: Double, bindings: [String: Double] = [:],
        options: EvaluationOptions = .init()
    ) throws(ExpressionError) -> (value: Double, derivative: Double) {
        var tape = Tape()
        var nodes: [String: Tape.NodeID] = [:]
        for name in freeVariables {
            if name == variable {
                nodes[name] = tape.variable(try ExpressionKernel.checkedBinding(value, name: name))
            } else if let bound = bindings[name] {
                nodes[name] = tape.constant(try ExpressionKernel.checkedBinding(bound, name: name))
            }
        }
        let output = try record(on: &tape, bindings: nodes, options: options)
        let result = tape.value(output)
        guard let input = nodes[variable] else { return (result, 0) }
        let derivative = tape.gradient(of: output)[input]
        guard derivative.isFinite else { throw ExpressionKernel.error("derivative is not a finite number") }
        return (result, derivative)
    }

    /// Records the expression on `tape`, its variables bound to existing tape nodes, and returns
    /// the node holding its value. `if` records only the chosen branch; `min`, `max` and `clamp`
    /// return the selected argument's node. Throws like `evaluate`.
    public func record(
        on tape: inout Tape, bindings: [String: Tape.NodeID], options: EvaluationOptions = .init()
    ) throws(ExpressionError) -> Tape.NodeID {
        switch self {
        case .number(let value):
            return tape.constant(try ExpressionKernel.checked(value))
        case .constant(let constant):
            return tape.constant(constant.value)
        case .variable(let name):
            guard let node = bindings[name] else { throw ExpressionKernel.error("unbound variable '\(name)'") }
            _ = try ExpressionKernel.checkedBinding(tape.value(node), name: name)
            return node
        case .negate(let operand):
            let a = try operand.record(on: &tape, bindings: bindings, options: options)
            let local = ExpressionKernel.negate(tape.value(a))
            return tape.record(local.value, a, local.d0)
        case .binary(let op, let lhs, let rhs):
            let a = try lhs.record(on: &tape, bindings: bindings, options: options)
            let b = try rhs.record(on: &tape, bindings: bindings, options: options)
            let local = try ExpressionKernel.binary(op, tape.value(a), tape.value(b))
            return tape.record(local.value, a, local.d0, b, local.d1)
        case .call(let function, let arguments):
            var nodes: [Tape.NodeID] = []
            var values: [Double] = []
            nodes.reserveCapacity(arguments.count)
            values.reserveCapacity(arguments.count)
            for argument in arguments {
                let node = try argument.record(on: &tape, bindings: bindings, options: options)
                nodes.append(node)
                values.append(tape.value(node))
            }
            if ExpressionKernel.isSelection(function) {
                return nodes[try ExpressionKernel.selection(function, values)]
            }
            let local = try ExpressionKernel.call(function, values, options: options)
            switch nodes.count {
            case 1: return tape.record(local.value, nodes[0], local.d0)
            case 2: return tape.record(local.value, nodes[0], local.d0, nodes[1], local.d1)
            default: return tape.record(local.value, nodes.indices.map { (nodes[$0], local.partial($0)) })
            }
        case .conditional(let condition, let then, let otherwise):
            let a = try condition.lhs.evaluateOnTape(&tape, bindings: bindings, options: options)
            let b = try condition.rhs.evaluateOnTape(&tape, bindings: bindings, options: options)
            let branch = condition.relation.holds(a, b) ? then : otherwise
            return try branch.record(on: &tape, bindings: bindings, options: options)
        case .tensor:
            throw ExpressionKernel.error("'\(self)' is a tensor formula and cannot be differentiated")
        }
    }

    /// The value of a condition operand, whose derivative is irrelevant.
    private func evaluateOnTape(
        _ tape: inout Tape, bindings: [String: Tape.NodeID], options: EvaluationOptions
    ) throws(ExpressionError) -> Double {
        let node = try record(on: &tape, bindings: bindings, options: options)
        return tape.value(node)
    }
}
