import ArgumentParser
import FaceSearch
import FaceStore
import FaceVision
import Foundation
import MilvusClient

/// Where the gallery lives; shared by every command that reads or writes it.
struct GalleryOptions: ParsableArguments {
    @Option(help: "The data folder (database and stored photos). Default: $FACESEARCH_DATA or ./data.")
    var data: String = ProcessInfo.processInfo.environment["FACESEARCH_DATA"] ?? "data"

    @Option(
        help: """
            The Milvus holding the gallery's vectors, HOST:PORT, as `serve --milvus` uses it. \
            Default: $FACESEARCH_MILVUS, or none (vectors in process).
            """)
    var milvus: String = ProcessInfo.processInfo.environment["FACESEARCH_MILVUS"] ?? ""

    /// The Milvus endpoint given, or nil; a malformed one is a usage error.
    func milvusEndpoint() throws -> MilvusEndpoint? {
        guard !milvus.isEmpty else { return nil }
        guard let endpoint = MilvusEndpoint(milvus) else {
            throw ValidationError("--milvus must be HOST:PORT (or grpc://HOST:PORT), not \(milvus)")
        }
        return endpoint
    }

    /// Opens the gallery with a pipeline built from `pipelineOptions`.
    func openEngine(_ pipelineOptions: PipelineOptions) async throws -> FaceSearchEngine {
        try await FaceSearchEngine.open(
            dataFolder: data, pipeline: try pipelineOptions.makePipeline(), logger: quietLogger,
            legacyDetector: pipelineOptions.detector ?? FaceSearchEngine.legacyDetector,
            vectorStore: try VectorStoreOption.open(milvusEndpoint(), logger: quietLogger))
    }

    /// Opens only the store, for commands that need no models (API keys).
    func openStore() async throws -> FaceStore {
        try await FaceStore.open(folder: data, logger: quietLogger)
    }

    /// The API keys of the gallery: through the store, or, while
    /// `facesearch serve` holds the store, straight in its database (keys
    /// touch no photo and no index; the server sees changes at once).
    func openKeyRing() async throws -> KeyRing {
        do {
            return try await openStore().keyRing
        } catch FaceStoreError.storeInUse {
            return try KeyRing.open(folder: data, logger: quietLogger)
        }
    }
}

/// Parses `key=value` filters; values that read as numbers or booleans are
/// compared as such (`age=30` matches the number 30 and the string "30").
func parseMetadataFilters(_ filters: [String]) throws -> [String: JSONValue] {
    var parsed: [String: JSONValue] = [:]
    for filter in filters {
        guard let equals = filter.firstIndex(of: "="), equals != filter.startIndex else {
            throw ValidationError("--filter takes key=value, not \(filter)")
        }
        let key = String(filter[..<equals])
        let value = String(filter[filter.index(after: equals)...])
        if let number = Double(value) {
            parsed[key] = .number(number)
        } else if value == "true" || value == "false" {
            parsed[key] = .bool(value == "true")
        } else {
            parsed[key] = .string(value)
        }
    }
    return parsed
}
