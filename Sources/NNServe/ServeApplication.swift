import Hummingbird
import Logging
import NIOCore

/// Builds the `nncheck serve` application: the router with its middleware, the HTTP/1.1 server
/// with the idle timeout, and the SIGHUP reload service.
public enum ServeApplication {
    /// The router with every route and the access log.
    public static func router(store: ProblemStore, configuration: ServeConfiguration, logger: Logger,
                              gate: GradingGate? = nil) -> Router<ServeRequestContext> {
        let router = Router(context: ServeRequestContext.self)
        router.add(middleware: AccessLogMiddleware(logger: logger))
        let routes = ServeRoutes(
            store: store, configuration: configuration,
            limiter: RateLimiter(rate: configuration.checksPerSecond, burst: configuration.burst,
                                 maxClients: configuration.maxTrackedClients),
            gate: gate ?? GradingGate(limit: configuration.maxConcurrentChecks, maxWaiting: configuration.maxQueuedChecks))
        routes.add(to: router)
        return router
    }

    /// The application: listens on `configuration.host:port`, reloads the problems on SIGHUP, and
    /// (under `runService()`) stops gracefully on SIGTERM or SIGINT, finishing requests in flight.
    /// `onServerRunning` gets the bound port (useful with port 0).
    public static func application(
        store: ProblemStore, configuration: ServeConfiguration, logger: Logger,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let idle = TimeAmount.nanoseconds(Int64(configuration.idleTimeoutSeconds * 1e9))
        return Application(
            router: router(store: store, configuration: configuration, logger: logger),
            server: .http1(configuration: .init(idleTimeout: idle)),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "nncheck"),
            services: [ReloadOnHangup(store: store, logger: logger)],
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
            logger: logger)
    }
}
