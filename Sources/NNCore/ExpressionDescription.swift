extension Expression: CustomStringConvertible {
    /// Source text that parses back to an equal expression, with only the necessary parentheses.
    public var description: String { text(minimumPrecedence: 0) }

    /// Binding strength: 1 additive, 2 multiplicative, 3 unary, 4 power, 5 atom.
    private var precedence: Int {
        switch self {
        case .number(let value): return value.sign == .minus ? 3 : 5
        case .constant, .variable, .call, .conditional: return 5
        case .negate: return 3
        case .binary(let op, _, _):
            switch op {
            case .add, .subtract: return 1
            case .multiply, .divide: return 2
            case .power: return 4
            }
        }
    }

    private func text(minimumPrecedence: Int) -> String {
        let body: String
        switch self {
        case .number(let value):
            body = NumberFormatting.short(value)
        case .constant(let constant):
            body = constant.rawValue
        case .variable(let name):
            body = name
        case .negate(let operand):
            body = "-" + operand.text(minimumPrecedence: 3)
        case .binary(let op, let lhs, let rhs):
            switch op {
            case .add, .subtract:
                body = lhs.text(minimumPrecedence: 1) + " \(op.symbol) " + rhs.text(minimumPrecedence: 2)
            case .multiply, .divide:
                body = lhs.text(minimumPrecedence: 2) + " \(op.symbol) " + rhs.text(minimumPrecedence: 3)
            case .power:
                body = lhs.text(minimumPrecedence: 5) + "^" + rhs.text(minimumPrecedence: 3)
            }
        case .call(let function, let arguments):
            body = function.name + "(" + arguments.map(\.description).joined(separator: ", ") + ")"
        case .conditional(let condition, let then, let otherwise):
            body = "if(\(condition.lhs) \(condition.relation.symbol) \(condition.rhs), \(then), \(otherwise))"
        }
        return precedence < minimumPrecedence ? "(" + body + ")" : body
    }
}
