import FaceSearch
import FaceStore
import Foundation

/// What a connection searches: the collection and the search options, set by
/// the `collection` query parameter and changed by text messages.
struct StreamSettings: Sendable {
    /// The collections the connection's key may use.
    let access: CollectionAccess
    var collection: String?
    var options = SearchOptions()

    /// A settings message: every field is optional and replaces the current
    /// value only when present.
    private struct Change: Decodable {
        let collection: String?
        let topK: Int?
        let threshold: Double?
        let faces: String?

        enum CodingKeys: String, CodingKey {
            case collection, threshold, faces
            case topK = "top_k"
        }
    }

    /// The settings with `text` applied, or an error when any part of it is
    /// invalid (the current settings then stay as they are).
    func applying(_ text: String, engine: FaceSearchEngine, maxTopK: Int) async throws -> StreamSettings {
        let change: Change
        do {
            change = try JSONCoding.decoder.decode(Change.self, from: Data(text.utf8))
        } catch DecodingError.typeMismatch(_, let context) {
            throw Self.wrongType(context.codingPath.first?.stringValue)
        } catch DecodingError.valueNotFound(_, let context) {
            throw Self.wrongType(context.codingPath.first?.stringValue)
        } catch {
            throw APIError.invalidArgument(
                #"settings must be a JSON object like {"collection": "people", "top_k": 5}"#)
        }
        var settings = self
        if let topK = change.topK {
            guard (1...maxTopK).contains(topK) else {
                throw APIError.invalidArgument("top_k must be an integer from 1 to \(maxTopK), not \(topK)")
            }
            settings.options.topK = topK
        }
        if let threshold = change.threshold {
            guard (0...1).contains(threshold) else {
                throw APIError.invalidArgument("threshold must be a number from 0 to 1, not \(threshold)")
            }
            settings.options.threshold = threshold
        }
        if let faces = change.faces {
            guard let selection = FaceSelection(rawValue: faces) else {
                throw APIError.invalidArgument("faces must be all or largest, not \(faces)")
            }
            settings.options.faces = selection
        }
        if let collection = change.collection {
            try await settings.setCollection(collection, engine: engine)
        }
        return settings
    }

    /// The error for a member of the wrong JSON type (`{"threshold": "NaN"}`).
    private static func wrongType(_ member: String?) -> APIError {
        switch member {
        case "top_k": .invalidArgument("top_k must be an integer")
        case "threshold": .invalidArgument("threshold must be a number from 0 to 1")
        case "collection": .invalidArgument("collection must be a string")
        case "faces": .invalidArgument("faces must be all or largest")
        default:
            .invalidArgument(#"settings must be a JSON object like {"collection": "people", "top_k": 5}"#)
        }
    }

    /// Sets the collection after checking that the key may use it and that it exists.
    mutating func setCollection(_ name: String, engine: FaceSearchEngine) async throws {
        try access.check(name)
        _ = try await engine.collectionSummary(name)
        collection = name
    }
}
