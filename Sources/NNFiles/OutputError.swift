import Foundation

/// An output file could not be written.
public struct OutputError: Error, Equatable, Sendable, CustomStringConvertible {
    /// One-line message.
    public var message: String
    /// Creates an error.
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
