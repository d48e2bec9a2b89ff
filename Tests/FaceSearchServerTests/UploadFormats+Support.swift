import Foundation
import Hummingbird
import HummingbirdTesting

/// One part of a multipart form built by a test.
struct FormPart {
    let name: String
    let bytes: [UInt8]
    var filename: String?

    static func field(_ name: String, _ text: String) -> FormPart {
        FormPart(name: name, bytes: Array(text.utf8))
    }

    static func photo(_ name: String, _ bytes: [UInt8]) -> FormPart {
        FormPart(name: name, bytes: bytes, filename: "\(name).jpg")
    }
}

extension TestClientProtocol {
    /// Sends a `multipart/form-data` body made of `parts`.
    func send(_ method: HTTPRequest.Method, _ uri: String, form parts: [FormPart]) async throws
        -> TestResponse
    {
        let boundary = "facesearch-test-boundary"
        var body: [UInt8] = []
        for part in parts {
            var head = "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(part.name)\""
            if let filename = part.filename {
                head += "; filename=\"\(filename)\"\r\nContent-Type: image/jpeg"
            }
            body += Array((head + "\r\n\r\n").utf8) + part.bytes + Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        return try await send(
            method, uri, rawBody: body, contentType: "multipart/form-data; boundary=\(boundary)")
    }

    /// Sends `body` with any content type.
    func send(_ method: HTTPRequest.Method, _ uri: String, rawBody body: [UInt8], contentType: String)
        async throws -> TestResponse
    {
        try await execute(
            uri: uri, method: method, headers: [.contentType: contentType], body: ByteBuffer(bytes: body))
    }

    /// Sends a JSON object that may hold base64 photos.
    func send(_ method: HTTPRequest.Method, _ uri: String, jsonObject: [String: Any]) async throws
        -> TestResponse
    {
        let data = try JSONSerialization.data(withJSONObject: jsonObject)
        return try await send(method, uri, rawBody: [UInt8](data), contentType: "application/json")
    }

    /// Indexes `photo` as a multipart form with `fields` and returns the first stored face id.
    func indexFace(_ photo: [UInt8], into collection: String, fields: [String: String] = [:]) async throws
        -> Int64?
    {
        let parts = [FormPart.photo("image", photo)] + fields.map { FormPart.field($0.key, $0.value) }
        let response = try await send(.post, "/v1/collections/\(collection)/faces", form: parts)
        let faces = response.json["faces"] as? [[String: Any]]
        return (faces?.first?["id"] as? NSNumber)?.int64Value
    }
}

extension TestResponse {
    /// The matches of the first query face of a search answer.
    var firstMatches: [[String: Any]] {
        ((json["faces"] as? [[String: Any]])?.first?["matches"] as? [[String: Any]]) ?? []
    }
}
