import FaceStore
import Foundation
import Hummingbird

/// A failed request as the API reports it: an HTTP status, a stable
/// machine-readable code and a message for people, rendered as
/// `{"error": {"code": "...", "message": "..."}}`.
///
/// Every failure reaches the client as one of these: handlers throw domain
/// errors and ``APIErrorMiddleware`` converts them with ``init(_:)``.
public struct APIError: HTTPResponseError, Equatable {
    /// The HTTP status.
    public var status: HTTPResponse.Status
    /// The stable error code (`collection_not_found`, `invalid_argument`...).
    public var code: String
    /// An explanation for people.
    public var message: String
    /// Extra response headers, such as `Retry-After`.
    public var headers: HTTPFields

    /// An error with its parts.
    public init(_ status: HTTPResponse.Status, code: String, message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
    }

    /// A 400 for a bad parameter.
    static func invalidArgument(_ message: String) -> APIError {
        APIError(.badRequest, code: "invalid_argument", message: message)
    }

    /// The JSON body of an error response.
    struct Body: Encodable {
        struct Detail: Encodable {
            let code: String
            let message: String
        }
        let error: Detail
    }

    /// The JSON body: `{"error": {"code": ..., "message": ...}}`.
    func body() throws -> Data {
        try JSONCoding.compact.encode(Body(error: .init(code: code, message: message)))
    }

    /// The error as a JSON response.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let data = try body()
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(
            status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
