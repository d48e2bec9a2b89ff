import FaceSearch
import FaceStore
import Foundation
import TestSupport
import Testing
import VectorIndex

/// Milvus stopped in the middle of a run, then started again: searches and
/// writes fail fast with `backendFailure` (503 in the API) and change
/// nothing, readiness says why, and once Milvus is back the engine serves
/// again and its repair leaves Milvus holding exactly the store's faces.
@Suite(
    .enabled(if: MilvusServer.controllable, "needs FACESEARCH_MILVUS_SCRIPT (scripts/milvus-tests.sh)"),
    .serialized)
struct MilvusOutageTests {
    @Test func anOutageLosesNothingAndTheEngineRecovers() async throws {
        let (engine, _) = try await EngineFixtures.engine(vectors: .milvus)
        _ = try await engine.createCollection(name: "c")
        let obama = try await engine.index(
            photo: try EngineFixtures.photo("obama.jpg"), into: "c", options: .init(label: "obama"))
        let query = try EngineFixtures.photo("obama2.jpg")
        #expect(try await engine.search(photo: query, in: "c").faces.first?.matches.first?.label == "obama")

        let started = ContinuousClock.now
        func step(_ what: String) { print("outage test: \(what) at \(ContinuousClock.now - started)") }
        try await MilvusServer.control("stop")
        step("stopped")
        #expect(await engine.vectorStoreProblem() != nil, "readiness says Milvus is away")
        step("health")
        // Another photo: the cache would answer obama2 again, as it may.
        await #expect(throws: VectorIndexError.self) {
            try await engine.search(photo: try EngineFixtures.photo("obama3.jpg"), in: "c")
        }
        step("search")
        await #expect(throws: VectorIndexError.self) {
            try await engine.index(photo: try EngineFixtures.photo("biden.jpg"), into: "c")
        }
        step("index")
        let faceID = try #require(obama.faces.first?.id)
        await #expect(throws: VectorIndexError.self) { try await engine.deleteFace(faceID, in: "c") }
        step("delete")
        let ingested = await Ingestor(engine: engine).run(
            files: [try IngestTests.makeFolder() + "/biden/biden.jpg"], into: "c", options: .init()
        ) { _ in }
        #expect(ingested.failures.map(\.code) == ["index_backend_failure"], "ingest names the cause")
        step("ingest")
        let during = try await engine.collectionSummary("c")
        #expect(during.images == 1 && during.faces == 1, "the refused write left nothing in the store")
        #expect(try await engine.face(faceID, in: "c").label == "obama", "the refused delete deleted nothing")

        try await MilvusServer.control("start")
        step("started")
        try await eventually("Milvus healthy again") { await engine.vectorStoreProblem() == nil }
        step("healthy")
        try await eventually("searches answered again") {
            (try? await engine.search(photo: query, in: "c").faces.first?.matches.first?.label) == "obama"
        }
        step("searching")
        let repairs = await engine.repairIndexes()
        step("repaired")
        #expect(repairs.allSatisfy { $0.error == nil })
        #expect(engine.collectionsAwaitingRepair.isEmpty)
        _ = try await engine.index(
            photo: try EngineFixtures.photo("biden.jpg"), into: "c", options: .init(label: "biden"))
        let biden = try await engine.search(photo: try EngineFixtures.photo("biden.jpg"), in: "c")
        #expect(biden.faces.first?.matches.first?.label == "biden")
        #expect(try await engine.collectionSummary("c").faces == 2)
    }

    /// Polls `condition` every half second for up to two minutes, and once
    /// more after that (this task may have waited long for a thread).
    private func eventually(_ what: String, _ condition: () async -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(120)
        while true {
            if await condition() { return }
            guard ContinuousClock.now < deadline else { break }
            try await Task.sleep(for: .milliseconds(500))
        }
        Issue.record("\(what): not within two minutes")
    }
}
