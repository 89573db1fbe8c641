import Foundation

/// A per-client token bucket: each client may make `burst` checks at once, then `rate` per
/// second. Memory is bounded: at most `maxClients` buckets are kept; when full, buckets that
/// have refilled completely (clients that went quiet) are dropped first, and if none has, the
/// new client is limited rather than letting the table grow.
public final class RateLimiter: @unchecked Sendable {
    /// What the limiter decided for one request.
    public enum Decision: Sendable, Hashable {
        /// The request may proceed.
        case allowed
        /// The client is over its rate; it may try again after this many whole seconds (≥ 1).
        case limited(retryAfterSeconds: Int)
    }

    private struct Bucket {
        var tokens: Double
        var updated: Double
    }

    private let lock = NSLock()
    private var buckets: [String: Bucket] = [:]
    private let rate: Double
    private let burst: Double
    private let maxClients: Int

    /// A limiter refilling `rate` tokens a second up to `burst`, remembering at most `maxClients` clients.
    public init(rate: Double, burst: Double, maxClients: Int) {
        self.rate = max(rate, 1e-9)
        self.burst = max(burst, 1)
        self.maxClients = max(maxClients, 1)
    }

    /// Takes one token for `client` at time `now` (seconds on a monotonic clock).
    public func take(client: String, now: Double) -> Decision {
        lock.lock()
        defer { lock.unlock() }
        var bucket: Bucket
        if let b = buckets[client] {
            bucket = b
            bucket.tokens = min(burst, bucket.tokens + max(0, now - bucket.updated) * rate)
            bucket.updated = now
        } else {
            if buckets.count >= maxClients { pruneFull(now: now) }
            guard buckets.count < maxClients else { return .limited(retryAfterSeconds: retryAfter(missing: 1)) }
            bucket = Bucket(tokens: burst, updated: now)
        }
        if bucket.tokens >= 1 {
            bucket.tokens -= 1
            buckets[client] = bucket
            return .allowed
        }
        buckets[client] = bucket
        return .limited(retryAfterSeconds: retryAfter(missing: 1 - bucket.tokens))
    }

    /// The number of clients remembered now.
    public var trackedClients: Int {
        lock.lock()
        defer { lock.unlock() }
        return buckets.count
    }

    /// Whole seconds until `missing` tokens have refilled, at least 1.
    private func retryAfter(missing: Double) -> Int { max(1, Int((missing / rate).rounded(.up))) }

    /// Drops every bucket that would be full by `now` (its client is indistinguishable from a new one).
    private func pruneFull(now: Double) {
        buckets = buckets.filter { $0.value.tokens + max(0, now - $0.value.updated) * rate < burst }
    }
}
