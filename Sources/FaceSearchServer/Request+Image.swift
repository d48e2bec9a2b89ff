import Foundation
import Hummingbird

/// The media types a photo may be sent as.
enum ImageMediaType {
    static let accepted: Set<String> = ["image/jpeg", "image/png", "image/webp"]
}

extension Request {
    /// The body of a request that carries a photo: its content type must be
    /// one of ``ImageMediaType/accepted`` (else 415) and its size at most
    /// `limit` bytes (else 413). The bytes themselves are checked by the
    /// decoder, on the inference threads.
    mutating func imageBytes(limit: Int) async throws -> [UInt8] {
        let declared = headers[.contentType] ?? ""
        let mediaType = declared.split(separator: ";", maxSplits: 1).first.map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        }
        guard let mediaType, ImageMediaType.accepted.contains(mediaType) else {
            throw APIError(
                .unsupportedMediaType, code: "unsupported_media_type",
                message:
                    "send the photo as the raw body with Content-Type image/jpeg, image/png or image/webp, "
                    + "not \(declared.isEmpty ? "no content type" : declared)")
        }
        if let length = headers[.contentLength].flatMap(Int.init), length > limit {
            throw Self.tooLarge(limit: limit)
        }
        do {
            let buffer = try await collectBody(upTo: limit)
            return Array(buffer.readableBytesView)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw Self.tooLarge(limit: limit)
        }
    }

    private static func tooLarge(limit: Int) -> APIError {
        APIError(
            .contentTooLarge, code: "payload_too_large",
            message: "the request body is larger than the limit of \(limit) bytes")
    }
}
