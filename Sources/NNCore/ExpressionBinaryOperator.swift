extension Expression {
    /// A binary arithmetic operator.
    public enum BinaryOperator: String, Sendable, Hashable, CaseIterable {
        /// Addition `+`.
        case add = "+"
        /// Subtraction `-` (also `−`).
        case subtract = "-"
        /// Multiplication `*` (also `·`, `×`).
        case multiply = "*"
        /// Division `/`.
        case divide = "/"
        /// Exponentiation `^` (also `**`), right-associative.
        case power = "^"

        /// The operator's canonical spelling.
        public var symbol: String { rawValue }
    }
}
