extension Expression {
    /// Value; throws for unbound variables or domain errors (ln of negative, division by zero ->
    /// message), never returns NaN silently: results that are NaN or infinite throw
    /// "result is not a finite number". Only the chosen branch of `if` is evaluated.
    public func evaluate(
        _ bindings: [String: Double] = [:], options: EvaluationOptions = .init()
    ) throws(ExpressionError) -> Double {
        switch self {
        case .number(let value):
            return try ExpressionKernel.checked(value)
        case .constant(let constant):
            return constant.value
        case .variable(let name):
            guard let value = bindings[name] else {
                throw ExpressionKernel.error("unbound variable '\(name)'")
            }
            return try ExpressionKernel.checkedBinding(value, name: name)
        case .negate(let operand):
            return -(try operand.evaluate(bindings, options: options))
        case .binary(let op, let lhs, let rhs):
            let a = try lhs.evaluate(bindings, options: options)
            let b = try rhs.evaluate(bindings, options: options)
            return try ExpressionKernel.binary(op, a, b).value
        case .call(let function, let arguments):
            var values: [Double] = []
            values.reserveCapacity(arguments.count)
            for argument in arguments { values.append(try argument.evaluate(bindings, options: options)) }
            if ExpressionKernel.isSelection(function) {
                return values[try ExpressionKernel.selection(function, values)]
            }
            return try ExpressionKernel.call(function, values, options: options).value
        case .conditional(let condition, let then, let otherwise):
            let a = try condition.lhs.evaluate(bindings, options: options)
            let b = try condition.rhs.evaluate(bindings, options: options)
            return try (condition.relation.holds(a, b) ? then : otherwise).evaluate(bindings, options: options)
        case .tensor:
            throw ExpressionKernel.error("'\(self)' is a tensor formula, not a number")
        }
    }
}
