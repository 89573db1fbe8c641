import Hummingbird
import Logging

/// One structured log line per request: method, path (without the query), status, latency in
/// milliseconds and response size. Never a body, a header value or a query: answers stay out of logs.
struct AccessLogMiddleware: RouterMiddleware {
    typealias Context = ServeRequestContext
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = MonotonicClock.now
        do {
            let response = try await next(request, context)
            log(request, status: response.status.code, start: start, bytes: response.body.contentLength)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            log(request, status: status, start: start, bytes: nil)
            throw error
        }
    }

    private func log(_ request: Request, status: Int, start: Double, bytes: Int?) {
        let ms = (MonotonicClock.now - start) * 1000
        var metadata: Logger.Metadata = [
            "method": "\(request.method.rawValue)",
            "path": "\(Self.loggedPath(request.uri.path))",
            "status": "\(status)",
            "latency_ms": "\(Self.rounded(ms))",
        ]
        if let bytes { metadata["bytes"] = "\(bytes)" }
        logger.info("request", metadata: metadata)
    }

    /// The path as logged: at most 200 characters, control characters replaced.
    static func loggedPath(_ path: String) -> String {
        let clean = String(path.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "\u{FFFD}" : Character($0) })
        return clean.count > 200 ? String(clean.prefix(200)) + "…" : clean
    }

    static func rounded(_ ms: Double) -> String {
        let v = (ms * 1000).rounded() / 1000
        return String(v)
    }
}
