import FaceStore
import Foundation
import Hummingbird

extension Request {
    /// Decodes a JSON body; any malformed or mistyped body is a 400 `invalid_json`
    /// that says what is wrong, and a non-JSON content type is a 415.
    func decodeJSON<T: Decodable>(as type: T.Type, context: some RequestContext) async throws -> T {
        if let declared = headers[.contentType], !declared.lowercased().hasPrefix("application/json") {
            throw APIError(
                .unsupportedMediaType, code: "unsupported_media_type",
                message: "send a JSON body with Content-Type application/json, not \(declared)")
        }
        var request = self
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        do {
            return try JSONCoding.decoder.decode(T.self, from: Data(buffer.readableBytesView))
        } catch let error as DecodingError {
            throw APIError(.badRequest, code: "invalid_json", message: Self.explain(error))
        }
    }

    private static func explain(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, _): "the JSON body misses the key \(key.stringValue)"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            "the JSON body has a wrong value at \(path(context)): \(context.debugDescription)"
        default: "the body is not valid JSON"
        }
    }

    private static func path(_ context: DecodingError.Context) -> String {
        context.codingPath.isEmpty
            ? "the top level" : context.codingPath.map(\.stringValue).joined(separator: ".")
    }
}
