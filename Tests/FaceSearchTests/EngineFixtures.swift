import FaceSearch
import FaceVision
import Foundation
import Logging
import MilvusClient
import TestSupport
import Testing

/// Where an engine under test keeps its vectors: in process always, and in
/// the real Milvus when `FACESEARCH_MILVUS` names one (scripts/milvus-tests.sh).
enum VectorStoreKind: String, Sendable, CustomTestStringConvertible {
    case inProcess = "in process"
    case milvus

    var testDescription: String { rawValue }

    /// The kinds this run can test.
    static var available: [VectorStoreKind] {
        MilvusServer.address == nil ? [.inProcess] : [.inProcess, .milvus]
    }

    /// One channel to the test Milvus for the whole process.
    private static let connection: Result<MilvusConnection, any Error>? = MilvusServer.address.map {
        address in
        Result {
            guard let endpoint = MilvusEndpoint(address) else {
                throw SetupMissing(what: "a valid FACESEARCH_MILVUS")
            }
            return try MilvusConnection(endpoint: endpoint, logger: Logger(label: "test.milvus"))
        }
    }

    /// The engine's vector store of this kind.
    func store() throws -> VectorStore {
        switch self {
        case .inProcess: return .inProcess
        case .milvus:
            guard let connection = Self.connection else { throw SetupMissing(what: "FACESEARCH_MILVUS") }
            return .milvus(try connection.get())
        }
    }
}

/// One of the engine's vector indexes under test: where the vectors live and
/// how the collection indexes them. In process: the exact scan and the HNSW
/// graph; in the real Milvus, when there is one: its FLAT and HNSW indexes.
struct IndexBackend: Sendable, CustomTestStringConvertible {
    let store: VectorStoreKind
    let index: IndexChoice

    var testDescription: String { "\(index.kind), \(store.rawValue)" }

    /// Every backend this run can test.
    static var available: [IndexBackend] {
        VectorStoreKind.available.flatMap { store in
            [IndexChoice.exact, .hnsw(.default)].map { IndexBackend(store: store, index: $0) }
        }
    }
}

/// Real photos, a real pipeline and a real store in a temporary folder.
enum EngineFixtures {
    static var photoFolder: String { TestPhotos.folder }

    static func photo(_ name: String) throws -> [UInt8] { try TestPhotos.bytes(name) }

    /// The larger labelled datasets, when `FACESEARCH_DATASETS` points at them.
    static var datasets: String? { Datasets.folder }

    static var datasetsAvailable: Bool { Datasets.available }

    /// One pipeline for all engine tests: loading models per test would dominate.
    static func pipeline() throws -> FacePipeline { try SharedPipelines.pipeline(PipelineConfiguration()) }

    /// A fresh, empty data folder.
    static func temporaryFolder() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("facesearch-engine-\(UUID())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    /// An engine over a fresh data folder (or `folder`).
    static func engine(
        in folder: String? = nil, thumbnailCacheBytes: Int = FaceSearchEngine.defaultThumbnailCacheBytes,
        vectors: VectorStoreKind = .inProcess
    ) async throws -> (FaceSearchEngine, String) {
        let folder = try folder ?? temporaryFolder()
        var logger = Logger(label: "facesearch.tests")
        logger.logLevel = .warning
        return (
            try await FaceSearchEngine.open(
                dataFolder: folder, pipeline: try pipeline(), logger: logger,
                thumbnailCacheBytes: thumbnailCacheBytes, vectorStore: try vectors.store()),
            folder
        )
    }

    /// Two photos side by side in one JPEG: a photo of two people.
    static func sideBySide(_ left: String, _ right: String) throws -> [UInt8] {
        let decoder = ImageDecoder()
        let a = try decoder.decode(try photo(left)).image
        let b = try decoder.decode(try photo(right)).image
        let height = max(a.height, b.height)
        let width = a.width + b.width
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        for (image, offset) in [(a, 0), (b, a.width)] {
            for row in 0..<image.height {
                let source = row * image.width * 3
                let target = (row * width + offset) * 3
                pixels[target..<target + image.width * 3] = image.pixels[source..<source + image.width * 3]
            }
        }
        return try JPEGEncoder().encode(RGBImage(width: width, height: height, pixels: pixels), quality: 95)
    }

    /// A JPEG of one flat colour: a photo without a face.
    static func blankPhoto() throws -> [UInt8] { try TestPhotos.blank() }
}
