/// A parsed scalar expression: the abstract syntax tree shared by custom activations,
/// computational-graph nodes and students' arithmetic answers.
///
/// Build one with `ExpressionParser.parse(_:variables:)`. The tree keeps the source's structure
/// (no folding), so `description` prints an equivalent, re-parseable text.
public indirect enum Expression: Sendable, Hashable {
    /// A numeric literal.
    case number(Double)
    /// A named mathematical constant (`e`, `pi`/`π`).
    case constant(Constant)
    /// A free variable, bound at evaluation time.
    case variable(String)
    /// Unary minus.
    case negate(Expression)
    /// A binary arithmetic operation `lhs op rhs`.
    case binary(BinaryOperator, Expression, Expression)
    /// A call of a built-in function with its arguments (arity checked by the parser).
    case call(Function, [Expression])
    /// `if(condition, then, else)`: only the chosen branch is evaluated and differentiated.
    case conditional(Condition, then: Expression, else: Expression)
}

extension Expression {
    /// The names of all variables occurring anywhere in the expression (both branches of `if`).
    public var freeVariables: Set<String> {
        var names = Set<String>()
        collectVariables(into: &names)
        return names
    }

    /// True when the expression contains no variables, so it evaluates without bindings.
    public var isConstant: Bool {
        switch self {
        case .number, .constant: return true
        case .variable: return false
        case .negate(let operand): return operand.isConstant
        case .binary(_, let lhs, let rhs): return lhs.isConstant && rhs.isConstant
        case .call(_, let arguments): return arguments.allSatisfy(\.isConstant)
        case .conditional(let condition, let then, let otherwise):
            return condition.lhs.isConstant && condition.rhs.isConstant && then.isConstant && otherwise.isConstant
        }
    }

    /// Whether the expression calls a built-in function that satisfies `match` (in either branch of `if`).
    public func calls(where match: (Function) -> Bool) -> Bool {
        switch self {
        case .number, .constant, .variable: return false
        case .negate(let operand): return operand.calls(where: match)
        case .binary(_, let lhs, let rhs): return lhs.calls(where: match) || rhs.calls(where: match)
        case .call(let function, let arguments):
            return match(function) || arguments.contains { $0.calls(where: match) }
        case .conditional(let condition, let then, let otherwise):
            return condition.lhs.calls(where: match) || condition.rhs.calls(where: match)
                || then.calls(where: match) || otherwise.calls(where: match)
        }
    }

    private func collectVariables(into names: inout Set<String>) {
        switch self {
        case .number, .constant: return
        case .variable(let name): names.insert(name)
        case .negate(let operand): operand.collectVariables(into: &names)
        case .binary(_, let lhs, let rhs):
            lhs.collectVariables(into: &names)
            rhs.collectVariables(into: &names)
        case .call(_, let arguments):
            for argument in arguments { argument.collectVariables(into: &names) }
        case .conditional(let condition, let then, let otherwise):
            condition.lhs.collectVariables(into: &names)
            condition.rhs.collectVariables(into: &names)
            then.collectVariables(into: &names)
            otherwise.collectVariables(into: &names)
        }
    }
}
