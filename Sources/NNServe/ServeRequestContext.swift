import Hummingbird
import NIOCore

/// The per-request context: Hummingbird's core storage plus the connected peer's address, which
/// the rate limiter keys on.
public struct ServeRequestContext: RequestContext, RemoteAddressRequestContext {
    /// Hummingbird's storage (logger, parameters, allocator).
    public var coreContext: CoreRequestContextStorage
    /// The connected peer (nil in in-process tests).
    public let remoteAddress: SocketAddress?

    /// A context for a request arriving on `source`'s channel.
    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
    }
}
