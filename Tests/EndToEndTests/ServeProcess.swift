import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A real `nncheck serve` process on a free loopback port, for end-to-end tests.
final class ServeProcess: @unchecked Sendable {
    let process = Process()
    private let errors = Pipe()
    private let lock = NSLock()
    private var stderrText = ""
    /// The port the server bound (it is started with `--port 0`).
    private(set) var port = 0

    /// Starts `nncheck serve FOLDER --port 0 ARGS…` and waits (at most 120 s, a busy machine) for its "listening" line.
    init(folder: String, arguments: [String] = []) throws {
        process.executableURL = URL(fileURLWithPath: try NNCheckBinary.path())
        process.arguments = ["serve", folder, "--host", "127.0.0.1", "--port", "0"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: NNCheckBinary.root)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        errors.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else { return }
            self.lock.lock()
            self.stderrText += String(decoding: data, as: UTF8.self)
            self.lock.unlock()
        }
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            if let range = stderr.range(of: "problems on http://127.0.0.1:") {
                let digits = stderr[range.upperBound...].prefix { $0.isNumber }
                port = Int(digits) ?? 0
                if port > 0 { return }
            }
            if !process.isRunning { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        stop()
        Issue.record("nncheck serve did not start: \(stderr)")
        throw CancellationError()
    }

    /// Everything the server wrote to standard error so far (its access log).
    var stderr: String {
        lock.lock()
        defer { lock.unlock() }
        return stderrText
    }

    /// The server's base URL.
    var base: String { "http://127.0.0.1:\(port)" }

    /// Sends a request and returns the status, the headers and the body.
    func request(_ path: String, method: String = "GET", body: [UInt8]? = nil, contentType: String? = nil)
        async throws -> (status: Int, headers: [String: String], body: String) {
        var request = URLRequest(url: try #require(URL(string: base + path)))
        request.httpMethod = method
        request.timeoutInterval = 60
        if let body { request.httpBody = Data(body) }
        if let contentType { request.setValue(contentType, forHTTPHeaderField: "Content-Type") }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        var headers: [String: String] = [:]
        for (k, v) in http.allHeaderFields { headers[String(describing: k).lowercased()] = String(describing: v) }
        return (http.statusCode, headers, String(decoding: data, as: UTF8.self))
    }

    /// Sends a signal to the server.
    func signal(_ number: Int32) { kill(process.processIdentifier, number) }

    /// Waits (at most `seconds`) for the server to exit; its status, or nil if it is still running.
    func waitForExit(seconds: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        return process.isRunning ? nil : process.terminationStatus
    }

    /// Stops the server (SIGTERM, then SIGKILL after 10 s).
    func stop() {
        guard process.isRunning else { return }
        signal(SIGTERM)
        if waitForExit(seconds: 10) == nil { signal(SIGKILL); _ = waitForExit(seconds: 5) }
    }

    deinit {
        stop()
        errors.fileHandleForReading.readabilityHandler = nil
    }
}
