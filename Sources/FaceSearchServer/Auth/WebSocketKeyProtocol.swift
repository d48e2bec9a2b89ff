import Hummingbird

/// The way a browser sends its API key on the `/v1/stream` upgrade: browsers
/// cannot set `Authorization` on a WebSocket, but they can offer
/// subprotocols, which travel in the `Sec-WebSocket-Protocol` header (never in
/// the URL). The page offers `facesearch` and `key.<KEY>`; the server reads
/// the key and answers with `facesearch` as the chosen subprotocol, never
/// echoing the key.
enum WebSocketKeyProtocol {
    /// The subprotocol the server chooses.
    static let name = "facesearch"
    /// The prefix of the subprotocol entry that carries the key.
    static let keyPrefix = "key."
    /// The only path whose upgrade may carry a key this way.
    static let path = "/v1/stream"

    /// The subprotocols a WebSocket upgrade to the stream offers; empty for any other request.
    static func offered(by request: Request) -> [Substring] {
        guard request.method == .get, request.uri.path == path,
            request.headers[.upgrade]?.lowercased().contains("websocket") == true
        else { return [] }
        return request.headers[values: .secWebSocketProtocol].flatMap {
            $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces)[...] }
        }
    }

    /// The key offered as `key.<KEY>` on a stream upgrade, if any.
    static func key(in request: Request) -> String? {
        offered(by: request).first { $0.hasPrefix(keyPrefix) }.map { String($0.dropFirst(keyPrefix.count)) }
    }

    /// The response with `Sec-WebSocket-Protocol: facesearch` when the
    /// upgrade offered it (a browser that offers subprotocols fails the
    /// connection unless the server picks one).
    static func choosing(_ response: Response, for request: Request) -> Response {
        guard offered(by: request).contains(name[...]) else { return response }
        var response = response
        response.headers[.secWebSocketProtocol] = name
        return response
    }
}
