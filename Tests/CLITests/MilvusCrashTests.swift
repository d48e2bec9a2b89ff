import FaceSearch
import FaceStore
import FaceVision
import Foundation
import Logging
import MilvusClient
import TestSupport
import Testing
import VectorIndex

/// `kill -9` during real ingests into a collection whose vectors live in a
/// real Milvus, ten times at random moments. After each restart Milvus holds
/// exactly the store's faces, no orphan vector and no face missing, and every
/// face is found by its own descriptor; a final run ends equal to an
/// uninterrupted one.
@Suite(.enabled(if: MilvusServer.available, "needs FACESEARCH_MILVUS (scripts/milvus-tests.sh)"), .serialized)
struct MilvusCrashTests {
    /// Opens the gallery as `serve --milvus` does (reconciling Milvus with the
    /// store), then checks Milvus's rows against the store's faces through a
    /// connection of its own. Returns the store's faces as fingerprints.
    static func check(data: String, pipeline: FacePipeline) async throws -> Set<String> {
        var logger = Logger(label: "milvus-crash-test")
        logger.logLevel = .error
        let address = try #require(MilvusServer.address)
        let connection = try MilvusConnection(endpoint: try #require(MilvusEndpoint(address)), logger: logger)
        defer { Task { await connection.close() } }
        let engine = try await FaceSearchEngine.open(
            dataFolder: data, pipeline: pipeline, logger: logger, vectorStore: .milvus(connection))
        guard try await engine.collections().contains(where: { $0.name == "crash" }) else { return [] }
        let faces = try await engine.faces(in: "crash", limit: 1000)
        let name = try #require(try engine.milvusCollectionName(of: "crash"))
        let ids = try await onOwnThread { () throws -> ([Int64], [[IndexHit]]) in
            let milvus = try MilvusIndex.open(
                name, connection: connection, dimension: FaceDescriptor.length, metric: .cosine, layout: .flat
            )
            let hits =
                faces.isEmpty
                ? [] : try milvus.search(batch: faces.map(\.descriptor), k: 1, filter: .none, threads: 1)
            return (try milvus.ids(), hits)
        }
        #expect(Set(ids.0) == Set(faces.map(\.id)), "Milvus holds exactly the store's faces")
        #expect(ids.0.count == faces.count, "no id twice in Milvus")
        for (face, hits) in zip(faces, ids.1) {
            #expect(hits.first?.id == face.id, "face \(face.id) is found by its own descriptor")
        }
        var fingerprints: Set<String> = []
        for face in faces {
            let image = try #require(
                try await engine.store.image(id: face.imageID), "a face without its photo")
            fingerprints.insert(
                "\(image.sha256) \(face.label ?? "") \(face.left),\(face.top),\(face.right),\(face.bottom)")
        }
        return fingerprints
    }

    @Test func killNineDuringIngestLeavesMilvusEqualToTheStore() async throws {
        let pipeline = try FacePipeline(workers: 1)
        let (expected, recovered) = try await CrashSafetyTests.cleanThenKilled(
            rounds: 10, ingest: CrashSafetyTests.ingest
        ) { data in
            try await Self.check(data: data, pipeline: pipeline)
        }
        #expect(recovered == expected, "the interrupted gallery ends equal to the uninterrupted one")
    }
}
