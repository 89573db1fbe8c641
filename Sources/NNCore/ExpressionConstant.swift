extension Expression {
    /// A named mathematical constant usable in expressions.
    public enum Constant: String, Sendable, Hashable, CaseIterable {
        /// Euler's number e ≈ 2.71828.
        case e
        /// π ≈ 3.14159 (written `pi` or `π`).
        case pi

        /// The constant's numeric value.
        public var value: Double {
            switch self {
            case .e: return Elementary.e
            case .pi: return Elementary.pi
            }
        }
    }
}
