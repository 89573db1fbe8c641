/// An error raised by the network core: a shape that does not fit, or a value outside a
/// function's domain. Messages are one line and name the quantity involved.
public struct NetworkError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong, in one line.
    public var message: String

    /// Creates an error with a one-line message.
    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
