import Hummingbird
import Logging
import ServiceLifecycle
import UnixSignals

/// Reloads the problem folder on every SIGHUP, atomically: a folder that no longer loads keeps
/// the previous problems in force and logs why.
struct ReloadOnHangup: Service {
    let store: ProblemStore
    let logger: Logger

    func run() async throws {
        let signals = await UnixSignalsSequence(trapping: .sighup)
        for await _ in signals.cancelOnGracefulShutdown() {
            store.reload(logger: logger)
        }
    }
}
