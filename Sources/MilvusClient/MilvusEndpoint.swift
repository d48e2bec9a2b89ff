import Foundation

/// Where a Milvus proxy listens for gRPC: a host and a port.
///
/// Written as `HOST:PORT`, `HOST` (port 19530), or with a `grpc://` or
/// `http://` scheme; an IPv6 host goes in brackets (`[::1]:19530`). The
/// connection is plaintext HTTP/2: keep Milvus on a private network.
public struct MilvusEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// Milvus's default gRPC port.
    public static let defaultPort = 19530

    /// The host name or address.
    public var host: String
    /// The TCP port.
    public var port: Int

    /// An endpoint from its parts.
    public init(host: String, port: Int = defaultPort) {
        self.host = host
        self.port = port
    }

    /// The endpoint `text` names, or nil when it is not one (an unknown
    /// scheme, a path, an empty host, a port outside 1-65535).
    public init?(_ text: String) {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        for scheme in ["grpc://", "http://"] where rest.lowercased().hasPrefix(scheme) {
            rest = rest.dropFirst(scheme.count)
        }
        if rest.hasSuffix("/") { rest = rest.dropLast() }
        guard !rest.isEmpty, !rest.contains("/"), !rest.contains("@"), !rest.contains("://") else {
            return nil
        }
        var host: Substring
        var portText: Substring?
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { return nil }
            host = rest[rest.index(after: rest.startIndex)..<close]
            let after = rest[rest.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { return nil }
                portText = after.dropFirst()
            }
        } else {
            let parts = rest.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count <= 2 else { return nil }
            host = parts[0]
            portText = parts.count == 2 ? parts[1] : nil
        }
        var port = Self.defaultPort
        if let portText {
            guard let value = Int(portText), (1...65535).contains(value) else { return nil }
            port = value
        }
        guard !host.isEmpty, !host.contains(where: \.isWhitespace) else { return nil }
        self.init(host: String(host), port: port)
    }

    /// `HOST:PORT`, brackets around an IPv6 address.
    public var description: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}
