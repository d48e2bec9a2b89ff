import MilvusClient
import VectorIndex

/// Where the engine keeps its collections' vectors.
///
/// - `inProcess`: in this process's memory, each collection with the index it
///   chose (exact or HNSW), derived from the store at start.
/// - `milvus`: in a Milvus (standalone or cluster), one Milvus collection per
///   facesearch collection, indexed FLAT for an exact collection and HNSW for
///   an HNSW one. The store keeps the metadata, keys and photos, and stays the
///   truth: Milvus is brought in line with it at start and after an outage.
public enum VectorStore: Sendable {
    /// Vectors in this process.
    case inProcess
    /// Vectors in the Milvus this connection reaches.
    case milvus(MilvusConnection)

    /// `in-process`, or `milvus HOST:PORT`: for logs and the CLI.
    public var text: String {
        switch self {
        case .inProcess: "in-process"
        case .milvus(let connection): "milvus \(connection.endpoint)"
        }
    }

    /// The Milvus collection of a facesearch collection: the store's identity
    /// keeps two data folders sharing one Milvus apart, and collection ids are
    /// never reused, so a name never outlives its collection.
    static func milvusName(storeIdentity: String, collectionID: Int64) -> String {
        "\(milvusPrefix(storeIdentity: storeIdentity))\(collectionID)"
    }

    /// What every Milvus collection of one store's begins with.
    static func milvusPrefix(storeIdentity: String) -> String {
        "facesearch_\(storeIdentity)_c"
    }
}

extension IndexChoice {
    /// How Milvus indexes a collection of this choice.
    var milvusLayout: MilvusIndexLayout {
        switch self {
        case .exact: .flat
        case .hnsw(let parameters): .hnsw(parameters)
        }
    }
}
