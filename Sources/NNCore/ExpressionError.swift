/// A problem found while parsing or evaluating an expression.
public struct ExpressionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong, e.g. "unexpected ')'", "unknown function 'foo'", "division by zero".
    public var message: String
    /// 0-based offset in Characters into the source where the problem is; 0 for evaluation
    /// errors, which have no source position.
    public var offset: Int

    /// Creates an error.
    public init(message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }

    /// The message followed by the offset.
    public var description: String { "\(message) (at offset \(offset))" }
}
