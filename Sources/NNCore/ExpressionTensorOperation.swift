extension Expression {
    /// A construct of the tensor formula language, which `ExpressionParser.parseFormula` produces
    /// and `evaluateFormula(in:)` evaluates; scalar evaluation rejects it.
    public indirect enum TensorOperation: Sendable, Hashable {
        /// The transpose, written `m^T`, `mᵀ` or `transpose(m)`.
        case transpose(Expression)
        /// The element-wise (Hadamard) product, written `.*`, `⊙`, `∘` or `\odot`.
        case elementwiseProduct(Expression, Expression)
        /// The derivative of a built-in function, applied entry by entry: `sigmoid'(z2)`, `relu'(z1)`.
        case derivative(Function, [Expression])
        /// A function the formula's environment names (a scenario's activation `f`, a declared
        /// function `z`), or its derivative (`f'(z1)`), applied `iterations` times (`z^1000(x)`).
        case named(String, Expression, derivative: Bool, iterations: Int)
        /// A tensor function: `diag`, `sum`, `outer`, `softmax`, `identity`; `derivative` for
        /// `softmax'` (its Jacobian) and `identity'`.
        case call(TensorFunction, [Expression], derivative: Bool)
        /// `I`, the identity of the size the context needs, or `I(n)`.
        case identity(Expression?)
        /// `ones`, the all-ones column of the size the context needs, or `ones(n)`.
        case ones(Expression?)
    }

    /// The functions of the formula language that act on whole tensors.
    public enum TensorFunction: String, Sendable, Hashable, CaseIterable {
        /// `diag(v)`: the square matrix with v on its diagonal; `diag(M)` of a square M: its diagonal.
        case diag
        /// `sum(m)`: the sum of all entries, a scalar.
        case sum
        /// `outer(u, v)`: the outer product u vᵀ of two vectors.
        case outer
        /// `softmax(z)` over a vector; `softmax'(z)` is its Jacobian.
        case softmax
        /// `identity(z)` = z (also `linear`); `identity'(z)` is all ones.
        case identity
        /// `transpose(m)`, the same as `m^T`.
        case transpose

        /// The allowed numbers of arguments.
        public var arity: Int { self == .outer ? 2 : 1 }
    }
}

extension Expression.TensorOperation {
    /// The operation's direct subexpressions.
    public var children: [Expression] {
        switch self {
        case .transpose(let m): return [m]
        case .elementwiseProduct(let a, let b): return [a, b]
        case .derivative(_, let arguments), .call(_, let arguments, _): return arguments
        case .named(_, let argument, _, _): return [argument]
        case .identity(let size), .ones(let size): return size.map { [$0] } ?? []
        }
    }
}
