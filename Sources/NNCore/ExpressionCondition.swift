extension Expression {
    /// The condition of `if`: a comparison `lhs relation rhs` between two expressions.
    public struct Condition: Sendable, Hashable {
        /// The comparison operator.
        public var relation: Relation
        /// The left operand.
        public var lhs: Expression
        /// The right operand.
        public var rhs: Expression

        /// Creates a condition `lhs relation rhs`.
        public init(_ lhs: Expression, _ relation: Relation, _ rhs: Expression) {
            self.relation = relation
            self.lhs = lhs
            self.rhs = rhs
        }
    }
}
