import FaceSearch
import FaceStore
import Foundation

/// The JSON messages the server sends on the stream, each with a `type`.
enum StreamMessage {
    /// The answer to one processed frame.
    struct Result: Encodable {
        let type = "result"
        let sequence: Int
        /// Frames dropped since the previous answer.
        let dropped: Int
        let faces: [SearchAnswer.QueryFace]
        let elapsedMS: Double

        enum CodingKeys: String, CodingKey {
            case type, sequence, dropped, faces
            case elapsedMS = "elapsed_ms"
        }
    }

    /// A failure; `sequence` names the frame when one frame failed.
    struct Failure: Encodable {
        struct Detail: Encodable {
            let code: String
            let message: String
        }
        let type = "error"
        let sequence: Int?
        let error: Detail

        init(_ error: any Error, sequence: Int? = nil) {
            let apiError = APIError(error)
            self.sequence = sequence
            self.error = Detail(code: apiError.code, message: apiError.message)
        }
    }

    /// The settings in force, sent after each accepted settings message.
    struct Settings: Encodable {
        let type = "settings"
        let collection: String?
        let topK: Int
        let threshold: Double?
        let faces: FaceSelection

        init(_ settings: StreamSettings) {
            collection = settings.collection
            topK = settings.options.topK
            threshold = settings.options.threshold
            faces = settings.options.faces
        }

        enum CodingKeys: String, CodingKey {
            case type, collection, threshold, faces
            case topK = "top_k"
        }
    }

    /// The message as one line of JSON text.
    static func text(_ message: some Encodable) -> String {
        // Our own message types always encode; a failure would be a bug.
        (try? JSONCoding.text(message)) ?? #"{"type":"error"}"#
    }
}
