import FaceSearch
import FaceSearchServer
import FaceStore
import FaceVision
import Hummingbird
import Testing

@Suite struct ErrorMappingTests {
    @Test func everyDomainErrorHasItsStatusAndCode() {
        let cases: [(any Error, HTTPResponse.Status, String)] = [
            (EngineError.collectionNotFound("a"), .notFound, "collection_not_found"),
            (EngineError.faceNotFound(1), .notFound, "face_not_found"),
            (EngineError.collectionExists("a"), .conflict, "collection_exists"),
            (EngineError.noFace, .unprocessableContent, "no_face"),
            (EngineError.invalidArgument("x"), .badRequest, "invalid_argument"),
            (ImageDecodingError.truncated(.jpeg), .unprocessableContent, "image_truncated"),
            (
                ImageDecodingError.tooManyPixels(width: 1, height: 1, limit: 0), .unprocessableContent,
                "image_too_many_pixels"
            ),
            (ImageDecodingError.unsupportedFormat, .unsupportedMediaType, "unsupported_media_type"),
            (FaceStoreError.invalidName("a/b"), .badRequest, "invalid_collection_name"),
            (FaceStoreError.invalidInput("x"), .badRequest, "invalid_argument"),
            (FaceVisionError.overloaded(queueCapacity: 64), .tooManyRequests, "overloaded"),
            (HTTPError(.notFound), .notFound, "not_found"),
        ]
        for (error, status, code) in cases {
            let mapped = APIError(error)
            #expect(mapped.status == status, "\(error)")
            #expect(mapped.code == code, "\(error)")
        }
    }

    @Test func overloadAsksTheClientToRetryInASecond() {
        let mapped = APIError(FaceVisionError.overloaded(queueCapacity: 64))
        #expect(mapped.headers[.retryAfter] == "1")
    }

    @Test func serverFaultsHideTheirDetails() {
        let mapped = APIError(FaceStoreError.io("/secret/path: permission denied"))
        #expect(mapped.status == .internalServerError)
        #expect(!mapped.message.contains("/secret"))
    }
}
