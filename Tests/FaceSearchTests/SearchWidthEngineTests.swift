import FaceStore
import Testing
import VectorIndex

@testable import FaceSearch

/// An hnsw collection's `ef` changes on the live index, without a rebuild,
/// and the store keeps it for the next start; nothing else can change.
@Suite struct SearchWidthEngineTests {
    /// The default parameters with ef 200.
    static let widened = HNSWParameters(
        m: HNSWParameters.default.m, efConstruction: HNSWParameters.default.efConstruction, ef: 200)

    @Test(arguments: VectorStoreKind.available)
    func efChangesOnTheLiveIndexAndIsKeptAcrossARestart(vectors: VectorStoreKind) async throws {
        let (folder, faces) = try await changeEf(vectors: vectors)
        let (reopened, _) = try await EngineFixtures.engine(in: folder, vectors: vectors)
        let summary = try await reopened.collectionSummary("h")
        #expect(summary.index == .hnsw(Self.widened))
        #expect(summary.faces == 2)
        if vectors == .inProcess {
            let graph = try #require(try reopened.collection("h").index as? HNSWIndex)
            #expect(graph.parameters.ef == 200)
        }
        let found = try await reopened.search(photo: try EngineFixtures.photo("obama2.jpg"), in: "h")
        #expect(found.faces.first?.matches.first?.faceID == faces.first)
    }

    /// Fills an hnsw and an exact collection, changes the hnsw one's ef and
    /// checks what is refused; returns the folder (the engine closes with it)
    /// and the hnsw collection's face ids.
    private func changeEf(vectors: VectorStoreKind) async throws -> (String, [Int64]) {
        let (engine, folder) = try await EngineFixtures.engine(vectors: vectors)
        _ = try await engine.createCollection(name: "h", index: .hnsw(.default))
        _ = try await engine.createCollection(name: "x")
        var faces: [Int64] = []
        for photo in ["obama.jpg", "biden.jpg"] {
            faces += try await engine.index(photo: try EngineFixtures.photo(photo), into: "h").faces.map(\.id)
        }
        let cached = try await engine.search(photo: try EngineFixtures.photo("obama2.jpg"), in: "h")
        let summary = try await engine.setSearchWidth(200, of: "h")
        #expect(summary.index == .hnsw(Self.widened))
        #expect(try await engine.collectionSummary("h").index == summary.index)
        if vectors == .inProcess {
            let graph = try #require(try engine.collection("h").index as? HNSWIndex)
            #expect(graph.parameters.ef == 200)
        }
        let again = try await engine.search(photo: try EngineFixtures.photo("obama2.jpg"), in: "h")
        #expect(again.faces.first?.matches.map(\.faceID) == cached.faces.first?.matches.map(\.faceID))
        for (ef, collection) in [(0, "h"), (4097, "h"), (64, "x")] {
            await #expect(throws: EngineError.self, "\(ef) on \(collection)") {
                try await engine.setSearchWidth(ef, of: collection)
            }
        }
        await #expect(throws: EngineError.collectionNotFound("nope")) {
            try await engine.setSearchWidth(64, of: "nope")
        }
        #expect(try await engine.collectionSummary("h").index == summary.index, "a refusal changes nothing")
        return (folder, faces)
    }
}
