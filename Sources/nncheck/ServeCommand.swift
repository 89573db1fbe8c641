import ArgumentParser
import Foundation
import Logging
import NNServe

/// `nncheck serve [PROBLEMS_DIR]`: the web self-check, where the key stays on the server.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve a web self-check of the problems in a folder (the key never leaves this machine).",
        discussion: """
            Pages: GET / (the problems), GET /p/ID (questions and the answer form), POST /p/ID (the result). \
            API: POST /api/check/ID with an answer file as the body returns exactly 'nncheck check --format json' \
            in student mode; GET /api/problems; GET /healthz. No request can change a tolerance or show the key. \
            SIGHUP reloads the folder (a broken edit keeps the old problems); SIGTERM or SIGINT stops after \
            finishing the requests in flight. One access-log line per request goes to standard error.
            """)

    @Argument(help: "The folder of problem files (*.yaml).") var problems: String = "problems"
    @Option(help: "The address to listen on.") var host: String = "127.0.0.1"
    @Option(help: "The TCP port (0: any free port).") var port: Int = 8080
    @Option(name: .customLong("max-body"), help: "The largest request body, in bytes.") var maxBody: Int = 1 << 20
    @Option(help: "Checks per second allowed per client address (token bucket refill rate).") var rate: Double = 10
    @Option(help: "Checks a client may make in a burst.") var burst: Double = 20
    @Option(help: "Seconds a check may take, from the body's arrival to its result.") var timeout: Double = 10
    @Option(name: .customLong("max-concurrent"), help: "Answer files graded at the same time (default: the number of cores).")
    var maxConcurrent: Int = ServeConfiguration.processorCount
    @Option(name: .customLong("max-queued"), help: "Checks that may wait for a grading slot before 503.") var maxQueued: Int = 256
    @Option(name: .customLong("idle-timeout"), help: "Seconds an idle keep-alive connection stays open.") var idleTimeout: Double = 30
    @Option(name: .customLong("client-ip-header"),
            help: "A header holding the client address, trusted from a loopback peer only (e.g. X-Real-IP behind a local proxy).")
    var clientIPHeader: String?
    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.") var logLevel: String = "info"

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0…65535") }
        guard maxBody > 0, rate > 0, burst >= 1, timeout > 0, maxConcurrent >= 1, maxQueued >= 0, idleTimeout > 0 else {
            throw ValidationError("limits must be positive (--burst at least 1, --max-queued at least 0)")
        }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("'\(logLevel)' is not a log level") }
    }

    func run() async throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: problems, isDirectory: &isFolder), isFolder.boolValue else {
            Terminal.error("\(problems): no such folder")
            throw ExitCode.noInput
        }
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "nncheck.serve")
        let store: ProblemStore
        do { store = try ProblemStore.load(folder: problems) } catch {
            Terminal.error(error.description)
            throw ExitCode.dataError
        }
        var config = ServeConfiguration()
        config.host = host
        config.port = port
        config.maxBodyBytes = maxBody
        config.checksPerSecond = rate
        config.burst = burst
        config.requestTimeoutSeconds = timeout
        config.maxConcurrentChecks = maxConcurrent
        config.maxQueuedChecks = maxQueued
        config.idleTimeoutSeconds = idleTimeout
        config.clientAddressHeader = clientIPHeader
        let host = self.host
        let count = store.current.entries.count
        let app = ServeApplication.application(store: store, configuration: config, logger: logger) { bound in
            Terminal.error("nncheck serve: \(count) problems on http://\(host):\(bound)/")
        }
        try await app.runService()
    }
}
