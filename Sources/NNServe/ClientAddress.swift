import HTTPTypes
import Hummingbird
import NIOCore

/// The address a client's rate limit is kept under.
enum ClientAddress {
    /// The peer's IP address; when `trustedHeader` is set and the peer is on loopback (a reverse
    /// proxy on this machine), the last address in that header instead. "unknown" without either.
    static func key(request: Request, context: ServeRequestContext, trustedHeader: String?) -> String {
        let peer = context.remoteAddress?.ipAddress
        if let trustedHeader, let name = HTTPField.Name(trustedHeader), peer.map(isLoopback) ?? false,
           let value = request.headers[name],
           let last = value.split(separator: ",").last.map({ String($0).trimmed }), !last.isEmpty, last.count <= 64 {
            return last
        }
        return peer ?? "unknown"
    }

    static func isLoopback(_ ip: String) -> Bool { ip.hasPrefix("127.") || ip == "::1" || ip.hasPrefix("::ffff:127.") }
}
