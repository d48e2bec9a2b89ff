import FaceStore
import Foundation
import Hummingbird

/// The media types a photo may be sent as.
enum ImageMediaType {
    static let accepted: Set<String> = ["image/jpeg", "image/png", "image/webp"]
}

/// A request that carries photos, read in one of the three accepted ways:
/// the raw body with an image content type, a `multipart/form-data` form
/// with the photos as parts, or a JSON object with base64 photos. Form
/// fields and JSON members other than the photos become parameters,
/// consulted before the query string (see ``RequestParameters``).
struct PhotoRequest {
    /// The photos by part or member name (`image` for a raw body).
    var photos: [String: [UInt8]]
    /// The other form fields or JSON members, as text.
    var fields: [String: [String]]
    /// The `filter` object of a JSON body.
    var filter: [String: JSONValue]?

    /// The photo under whichever of `names` is present: none is a 400
    /// `missing_image`, more than one (`image` and `file`) a 400
    /// `invalid_argument`, since which one was meant cannot be known.
    func photo(_ names: String...) throws(APIError) -> [UInt8] {
        let present = names.filter { photos[$0] != nil }
        guard present.count <= 1 else {
            throw .invalidArgument("send one photo, as \(names.joined(separator: " or ")), not several")
        }
        if let name = present.first, let photo = photos[name] { return photo }
        throw APIError(
            .badRequest, code: "missing_image",
            message: "the request has no photo named \(names.joined(separator: " or "))")
    }

    /// The parameters: these fields first, then the query string.
    func parameters(_ request: Request) -> RequestParameters {
        RequestParameters(request, fields: fields)
    }
}

extension Request {
    /// Reads a request carrying photos named `photoNames` (the raw body is
    /// `photoNames[0]`). The body is at most `limit` bytes, or for JSON that
    /// many decoded photo bytes (else 413); other content types are a 415.
    /// The photo bytes themselves are checked by the decoder.
    ///
    /// Forms and JSON bodies are parsed on NIO's thread pool, never on the
    /// cooperative pool that serves requests: a 26 MiB base64 body costs half
    /// a second of JSON and base64 decoding, and two of them would otherwise
    /// hold both cooperative threads of a 2-core machine and stall every
    /// probe. The body is read into one buffer and copied once, into the
    /// photo's bytes.
    mutating func photoRequest(limit: Int, photoNames: [String] = ["image", "file"]) async throws
        -> PhotoRequest
    {
        let declared = headers[.contentType] ?? ""
        let mediaType = declared.split(separator: ";", maxSplits: 1).first.map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        }
        if let mediaType, ImageMediaType.accepted.contains(mediaType) {
            let photo = try await body(limit: limit)
            return PhotoRequest(photos: [photoNames[0]: Array(photo.readableBytesView)], fields: [:])
        }
        if let boundary = try MultipartForm.boundary(of: declared) {
            let body = try await body(limit: limit)
            return try await BodyDecoding.offPool {
                try PhotoRequest(
                    form: try MultipartForm(body: Array(body.readableBytesView), boundary: boundary),
                    photoNames: photoNames)
            }
        }
        if mediaType == "application/json" {
            // Base64 is 4/3 of the bytes it encodes, plus room for the parameters.
            let json = try await body(limit: limit / 3 * 4 + 64 * 1024)
            return try await BodyDecoding.offPool {
                try PhotoRequest(json: json, photoNames: photoNames, limit: limit)
            }
        }
        throw APIError(
            .unsupportedMediaType, code: "unsupported_media_type",
            message:
                "send the photo as the raw body with Content-Type image/jpeg, image/png or image/webp, "
                + "as multipart/form-data or as application/json, "
                + "not \(declared.isEmpty ? "no content type" : declared)")
    }

    private mutating func body(limit: Int) async throws -> ByteBuffer {
        if let length = headers[.contentLength].flatMap(Int.init), length > limit {
            throw APIError.tooLarge(limit: limit)
        }
        do {
            return try await collectBody(upTo: limit)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw APIError.tooLarge(limit: limit)
        }
    }
}

extension APIError {
    /// A 413 that names the limit.
    static func tooLarge(limit: Int) -> APIError {
        APIError(
            .contentTooLarge, code: "payload_too_large",
            message: "the request body is larger than the limit of \(limit) bytes")
    }
}
