import Hummingbird
import Logging

/// Placeholder so the first dependency build can start.
public struct ServerConfiguration: Sendable {
    public init() {}
}
