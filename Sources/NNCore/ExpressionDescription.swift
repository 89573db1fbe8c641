extension Expression: CustomStringConvertible {
    /// Source text that parses back to an equal expression, with only the necessary parentheses.
    public var description: String { text(minimumPrecedence: 0) }

    /// Binding strength: 1 additive, 2 multiplicative, 3 unary, 4 power, 5 atom.
    private var precedence: Int {
        switch self {
        case .number(let value): return value.sign == .minus ? 3 : 5
        case .constant, .variable, .call, .conditional: return 5
        case .tensor(let operation):
            switch operation {
            case .transpose: return 4
            case .elementwiseProduct: return 2
            default: return 5
            }
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
        case .tensor(let operation):
            body = Self.text(of: operation)
        }
        return precedence < minimumPrecedence ? "(" + body + ")" : body
    }

    /// Formula syntax for a tensor construct.
    private static func text(of operation: TensorOperation) -> String {
        func list(_ arguments: [Expression]) -> String { arguments.map(\.description).joined(separator: ", ") }
        switch operation {
        case .transpose(let m): return m.text(minimumPrecedence: 5) + "^T"
        case .elementwiseProduct(let a, let b):
            return a.text(minimumPrecedence: 2) + " .* " + b.text(minimumPrecedence: 3)
        case .derivative(let function, let arguments): return function.name + "'(" + list(arguments) + ")"
        case .named(let name, let argument, let derivative, let iterations):
            let power = iterations == 1 ? "" : "^\(iterations)"
            return name + (derivative ? "'" : "") + power + "(" + argument.description + ")"
        case .call(let function, let arguments, let derivative):
            return function.rawValue + (derivative ? "'" : "") + "(" + list(arguments) + ")"
        case .identity(let size): return size.map { "I(\($0))" } ?? "I"
        case .ones(let size): return size.map { "ones(\($0))" } ?? "ones"
        }
    }
}
