import FaceSearch
import FaceStore
import FaceVision
import Hummingbird
import NIOHTTP1
import VectorIndex

extension APIError {
    /// The API's view of any error a handler throws: the one place that
    /// decides each domain error's status. Errors that name a server fault
    /// keep their code but hide their message, which may hold file paths.
    public init(_ error: any Error) {
        switch error {
        case let error as APIError:
            self = error
        case let error as EngineError:
            self.init(Self.status(of: error), error.code, error)
        case let error as FaceStoreError:
            self.init(Self.status(of: error), error.code, error)
        case let error as ImageDecodingError:
            self.init(Self.status(of: error), error.code, error)
        case let error as FaceVisionError:
            self.init(Self.status(of: error), error.code, error)
            if case .overloaded = error { headers[.retryAfter] = "1" }
        case let error as VectorIndexError:
            // Out of memory is the machine's state, not a bug: 503 says "try later, elsewhere".
            if case .outOfMemory = error {
                self.init(.serviceUnavailable, error.code, error)
            } else if case .backendFailure = error {
                // Milvus down or slow: nothing was written; the same call may succeed shortly.
                self.init(
                    .serviceUnavailable, code: error.code,
                    message:
                        "the vector store (Milvus) is unavailable; nothing was changed, try again shortly")
                headers[.retryAfter] = "1"
            } else {
                self.init(.internalServerError, error.code, error)
            }
        case let error as HTTPParserError:
            self = Self.malformedBody(error)
        case let error as HTTPError:
            self.init(
                error.status, code: Self.code(of: error.status), message: error.body ?? "\(error.status)")
        case let error as any HTTPResponseError where error.status == .contentTooLarge:
            self.init(.contentTooLarge, code: "payload_too_large", message: "the request body is too large")
        default:
            self.init(.internalServerError, code: "internal_error", message: "internal error")
        }
    }

    private init(_ status: HTTPResponse.Status, _ code: String, _ error: any CustomStringConvertible) {
        let message = status.kind == .serverError ? "internal error (\(code))" : error.description
        self.init(status, code: code, message: message)
    }

    /// A body that breaks HTTP/1.1 is the client's mistake: a 400 (a chunk
    /// size of `zz`), or, when the connection ended mid-body, 499: the client
    /// went away, nobody reads the answer, and it is counted and logged as a
    /// client abort, never as a server error.
    private static func malformedBody(_ error: HTTPParserError) -> APIError {
        if error == .invalidEOFState {
            return APIError(
                HTTPResponse.Status(code: 499, reasonPhrase: "Client Closed Request"),
                code: "client_closed_request",
                message: "the client closed the connection before the body ended")
        }
        return APIError(parsing: error)
            ?? APIError(.badRequest, code: "malformed_request", message: "the request is not valid HTTP/1.1")
    }

    private static func status(of error: EngineError) -> HTTPResponse.Status {
        switch error {
        case .collectionNotFound, .faceNotFound: .notFound
        case .collectionExists: .conflict
        case .noFace: .unprocessableContent
        case .invalidArgument: .badRequest
        case .modelMismatch, .reembedInProgress: .conflict
        case .inconsistent, .unsupportedModel: .internalServerError
        }
    }

    private static func status(of error: FaceStoreError) -> HTTPResponse.Status {
        switch error {
        case .collectionNotFound: .notFound
        case .collectionExists, .duplicateImage: .conflict
        case .invalidName, .invalidInput, .invalidFilterKey, .invalidText: .badRequest
        case .storeInUse: .serviceUnavailable
        case .corruptRow, .database, .io: .internalServerError
        }
    }

    private static func status(of error: ImageDecodingError) -> HTTPResponse.Status {
        switch error {
        case .unsupportedFormat: .unsupportedMediaType
        case .tooManyBytes: .contentTooLarge
        case .empty, .tooManyPixels, .truncated, .corrupt: .unprocessableContent
        }
    }

    private static func status(of error: FaceVisionError) -> HTTPResponse.Status {
        switch error {
        case .overloaded: .tooManyRequests
        // A model file missing or damaged is the server's set-up, not the request.
        case .shutDown, .modelMissing, .modelInvalid: .serviceUnavailable
        case .native, .invalidConfiguration: .internalServerError
        }
    }

    /// Codes for the errors Hummingbird itself raises (unknown routes, bad JSON).
    private static func code(of status: HTTPResponse.Status) -> String {
        switch status {
        case .notFound: "not_found"
        case .methodNotAllowed: "method_not_allowed"
        case .contentTooLarge: "payload_too_large"
        case .unsupportedMediaType: "unsupported_media_type"
        case .badRequest: "bad_request"
        default: status.kind == .serverError ? "internal_error" : "http_\(status.code)"
        }
    }
}
