import HTTPTypes

/// A request the server refuses, with the status and the one line it answers with.
struct RequestError: Error, Sendable {
    /// The HTTP status.
    var status: HTTPResponse.Status
    /// One line saying what is wrong (never anything of the key).
    var message: String
    /// Seconds after which the client may retry (for 429 and 503).
    var retryAfter: Int?

    init(_ status: HTTPResponse.Status, _ message: String, retryAfter: Int? = nil) {
        self.status = status
        self.message = message
        self.retryAfter = retryAfter
    }
}
