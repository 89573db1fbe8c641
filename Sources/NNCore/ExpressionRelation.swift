extension Expression {
    /// A comparison operator, allowed only in the condition of `if`.
    public enum Relation: String, Sendable, Hashable, CaseIterable {
        /// `<`
        case less = "<"
        /// `<=`
        case lessOrEqual = "<="
        /// `>`
        case greater = ">"
        /// `>=`
        case greaterOrEqual = ">="
        /// `==`
        case equal = "=="
        /// `!=`
        case notEqual = "!="

        /// The operator's spelling.
        public var symbol: String { rawValue }

        /// Whether `lhs relation rhs` holds.
        public func holds(_ lhs: Double, _ rhs: Double) -> Bool {
            switch self {
            case .less: return lhs < rhs
            case .lessOrEqual: return lhs <= rhs
            case .greater: return lhs > rhs
            case .greaterOrEqual: return lhs >= rhs
            case .equal: return lhs == rhs
            case .notEqual: return lhs != rhs
            }
        }
    }
}
