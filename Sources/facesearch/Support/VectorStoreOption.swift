import FaceSearch
import Logging
import MilvusClient

/// The vector store a command's engine uses: Milvus when an endpoint is
/// given, else in process.
enum VectorStoreOption {
    /// The store for `endpoint` (a channel to it when set; nothing is sent yet).
    static func open(_ endpoint: MilvusEndpoint?, logger: Logger) throws -> VectorStore {
        guard let endpoint else { return .inProcess }
        return .milvus(try MilvusConnection(endpoint: endpoint, logger: logger))
    }
}
