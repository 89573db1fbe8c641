import NNCore

/// A named scalar function f(x) given as an expression.
public struct FunctionSpec: Sendable, Hashable {
    /// The expression in `x`.
    public var expression: Expression
    /// The text it was written as.
    public var source: String
}
