import Foundation

/// Everything `nncheck serve` can be told: where it listens and every limit it enforces.
///
/// The defaults are the documented ones (README, "nncheck serve"). Nothing in a request can
/// change any of them, and none of them changes how answers are graded: there is no tolerance
/// here on purpose.
public struct ServeConfiguration: Sendable, Hashable {
    /// The address to listen on (default 127.0.0.1: put a reverse proxy in front for the world).
    public var host: String = "127.0.0.1"
    /// The TCP port (default 8080; 0 picks a free one).
    public var port: Int = 8080
    /// The largest request body accepted, in bytes (default 1 MiB, the answer-file limit); larger gets 413.
    public var maxBodyBytes: Int = 1 << 20
    /// Checks each client may make per second on average (token refill rate; default 10).
    public var checksPerSecond: Double = 10
    /// How many checks a client may make in a burst before the rate applies (bucket size; default 20).
    public var burst: Double = 20
    /// How long a check may take, from the first body byte to the graded result (default 10 s); past it, 503.
    public var requestTimeoutSeconds: Double = 10
    /// How many answer files are graded at the same time (default: the number of cores).
    public var maxConcurrentChecks: Int = ServeConfiguration.processorCount
    /// How many checks may wait for a grading slot before new ones get 503 (default 256).
    public var maxQueuedChecks: Int = 256
    /// How long an idle keep-alive connection stays open (default 30 s).
    public var idleTimeoutSeconds: Double = 30
    /// The most client addresses the rate limiter remembers at once (default 100,000).
    public var maxTrackedClients: Int = 100_000
    /// A request header naming the client address, trusted only from a loopback peer (a reverse
    /// proxy on the same machine), e.g. `X-Real-IP`; nil (the default) uses the peer address.
    public var clientAddressHeader: String? = nil

    /// The defaults.
    public init() {}

    /// The number of cores this process may use (at least 1).
    public static var processorCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }
}
