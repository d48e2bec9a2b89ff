import FaceSearch
import FaceStore
import FaceVision
import Foundation
import Testing

/// The engine end to end: real pipeline, real store, real index, with the
/// vectors in process and, when `FACESEARCH_MILVUS` is set, in a real Milvus.
@Suite struct EngineTests {
    @Test(arguments: IndexBackend.available)
    func searchReturnsTheSamePersonFirst(backend: IndexBackend) async throws {
        let (engine, _) = try await EngineFixtures.engine(vectors: backend.store)
        _ = try await engine.createCollection(name: "people", index: backend.index)
        _ = try await engine.index(
            photo: try EngineFixtures.photo("obama.jpg"), into: "people", options: .init(label: "obama"))
        _ = try await engine.index(
            photo: try EngineFixtures.photo("biden.jpg"), into: "people", options: .init(label: "biden"))

        let obama = try await engine.search(photo: try EngineFixtures.photo("obama2.jpg"), in: "people")
        #expect(obama.faces.count == 1)
        #expect(obama.faces.first?.matches.first?.label == "obama")
        #expect(
            obama.faces.first?.matches.allSatisfy { $0.label != "biden" } == true,
            "biden is below the threshold")
        let match = try #require(obama.faces.first?.matches.first)
        // The default embedder is SFace: cosine distance, 0.637 scores 0.5.
        #expect(match.distance < 0.4)
        #expect(
            abs(match.score - (1 - match.distance / 1.274)) < 1e-9, "score follows the documented formula")
    }

    @Test(arguments: IndexBackend.available)
    func theSamePhotoTwiceIsStoredOnce(backend: IndexBackend) async throws {
        let (engine, _) = try await EngineFixtures.engine(vectors: backend.store)
        _ = try await engine.createCollection(name: "c", index: backend.index)
        let first = try await engine.index(photo: try EngineFixtures.photo("obama.jpg"), into: "c")
        let second = try await engine.index(photo: try EngineFixtures.photo("obama.jpg"), into: "c")
        #expect(!first.alreadyStored && second.alreadyStored)
        #expect(second.image.id == first.image.id && second.faces.map(\.id) == first.faces.map(\.id))
        let summary = try await engine.collectionSummary("c")
        #expect(summary.images == 1 && summary.faces == 1)
    }

    @Test func aPhotoWithoutAFaceIsRefused() async throws {
        let (engine, _) = try await EngineFixtures.engine()
        _ = try await engine.createCollection(name: "c")
        await #expect(throws: EngineError.noFace) {
            try await engine.index(photo: try EngineFixtures.blankPhoto(), into: "c")
        }
        await #expect(throws: EngineError.noFace) {
            try await engine.search(photo: try EngineFixtures.blankPhoto(), in: "c")
        }
        #expect(try await engine.collectionSummary("c").images == 0)
    }

    @Test func largestFaceAndMaxFacesSayWhatTheySkipped() async throws {
        let (engine, _) = try await EngineFixtures.engine()
        _ = try await engine.createCollection(name: "c")
        let pair = try EngineFixtures.sideBySide("obama.jpg", "biden.jpg")
        let largest = try await engine.index(photo: pair, into: "c", options: .init(faces: .largest))
        #expect(largest.faces.count == 1)
        #expect(largest.skipped.map(\.reason) == [.notLargest])
        _ = try await engine.createCollection(name: "d")
        let all = try await engine.index(photo: pair, into: "d", options: .init(faces: .all, maxFaces: 5))
        #expect(all.faces.count == 2 && all.skipped.isEmpty)
    }

    @Test(arguments: IndexBackend.available)
    func everyFaceOfAGroupPhotoIsSearched(backend: IndexBackend) async throws {
        let (engine, _) = try await EngineFixtures.engine(vectors: backend.store)
        _ = try await engine.createCollection(name: "people", index: backend.index)
        _ = try await engine.index(
            photo: try EngineFixtures.photo("obama2.jpg"), into: "people", options: .init(label: "obama"))
        _ = try await engine.index(
            photo: try EngineFixtures.photo("biden.jpg"), into: "people", options: .init(label: "biden"))
        let result = try await engine.search(
            photo: try EngineFixtures.sideBySide("obama.jpg", "biden.jpg"), in: "people")
        #expect(Set(result.faces.compactMap { $0.matches.first?.label }) == ["obama", "biden"])
        let onlyLargest = try await engine.search(
            photo: try EngineFixtures.sideBySide("obama.jpg", "biden.jpg"), in: "people",
            options: SearchOptions(faces: .largest))
        #expect(onlyLargest.faces.count == 1)
    }

    @Test(arguments: IndexBackend.available)
    func filtersThresholdAndTopKShapeTheMatches(backend: IndexBackend) async throws {
        let (engine, _) = try await EngineFixtures.engine(vectors: backend.store)
        _ = try await engine.createCollection(name: "c", index: backend.index)
        for (name, label, team) in [
            ("obama.jpg", "obama", "a"), ("obama3.jpg", "obama", "b"), ("biden.jpg", "biden", "a"),
        ] {
            _ = try await engine.index(
                photo: try EngineFixtures.photo(name), into: "c",
                options: .init(label: label, metadata: ["team": .string(team), "year": .number(2009)]))
        }
        let query = try EngineFixtures.photo("obama2.jpg")
        let loose = try await engine.search(
            photo: query, in: "c", options: SearchOptions(topK: 10, threshold: 0))
        #expect(loose.faces.first?.matches.count == 3, "threshold 0 lets every face through")
        #expect(
            loose.faces.first?.matches.map(\.score) == loose.faces.first?.matches.map(\.score).sorted(by: >))
        let teamB = try await engine.search(
            photo: query, in: "c",
            options: SearchOptions(topK: 10, threshold: 0, metadata: ["team": .string("b")]))
        #expect(teamB.faces.first?.matches.count == 1)
        let byNumber = try await engine.search(
            photo: query, in: "c",
            options: SearchOptions(topK: 10, threshold: 0, metadata: ["year": .number(2009)]))
        #expect(byNumber.faces.first?.matches.count == 3)
        let bidenOnly = try await engine.search(
            photo: query, in: "c", options: SearchOptions(topK: 10, threshold: 0, label: "biden"))
        #expect(bidenOnly.faces.first?.matches.map(\.label) == ["biden"])
        let strict = try await engine.search(photo: query, in: "c", options: SearchOptions(threshold: 0.99))
        #expect(strict.faces.first?.matches.isEmpty == true, "an explicit no match")
        let one = try await engine.search(
            photo: query, in: "c", options: SearchOptions(topK: 1, threshold: 0))
        #expect(one.faces.first?.matches.count == 1)
        await #expect(throws: EngineError.self) {
            try await engine.search(photo: query, in: "c", options: SearchOptions(topK: 0))
        }
        await #expect(throws: EngineError.self) {
            try await engine.search(photo: query, in: "c", options: SearchOptions(threshold: 2))
        }
        await #expect(throws: EngineError.collectionNotFound("nope")) {
            try await engine.search(photo: query, in: "nope")
        }
    }

    @Test(arguments: IndexBackend.available)
    func searchByFaceIDLeavesTheFaceItselfOut(backend: IndexBackend) async throws {
        let (engine, _) = try await EngineFixtures.engine(vectors: backend.store)
        _ = try await engine.createCollection(name: "c", index: backend.index)
        let first = try await engine.index(photo: try EngineFixtures.photo("obama.jpg"), into: "c")
        let second = try await engine.index(photo: try EngineFixtures.photo("obama2.jpg"), into: "c")
        let id = try #require(first.faces.first?.id)
        let result = try await engine.search(faceID: id, in: "c")
        #expect(result.faces.first?.matches.map(\.faceID) == second.faces.map(\.id))
        await #expect(throws: EngineError.faceNotFound(999_999)) {
            try await engine.search(faceID: 999_999, in: "c")
        }
    }

    @Test(arguments: IndexBackend.available)
    func deletingAPersonRemovesFacesPhotosAndIndexEntries(backend: IndexBackend) async throws {
        let (folder, bidenFaces) = try await deleteObamaLeavingBiden(backend: backend)
        // Re-opening rebuilds the index from the store and finds them agreeing.
        let (reopened, _) = try await EngineFixtures.engine(in: folder, vectors: backend.store)
        #expect(try await reopened.collectionSummary("c").faces == 1)
        let again = try await reopened.search(
            photo: try EngineFixtures.photo("obama2.jpg"), in: "c", options: SearchOptions(threshold: 0))
        #expect(again.faces.first?.matches.map(\.faceID) == bidenFaces)
    }

    /// Indexes two photos of Obama and one of Biden, deletes Obama by label and
    /// checks the engine, then closes it (the store allows one owner at a time).
    private func deleteObamaLeavingBiden(backend: IndexBackend) async throws
        -> (folder: String, bidenFaces: [Int64])
    {
        let (engine, folder) = try await EngineFixtures.engine(vectors: backend.store)
        _ = try await engine.createCollection(name: "c", index: backend.index)
        for name in ["obama.jpg", "obama3.jpg"] {
            _ = try await engine.index(
                photo: try EngineFixtures.photo(name), into: "c", options: .init(label: "obama"))
        }
        let biden = try await engine.index(
            photo: try EngineFixtures.photo("biden.jpg"), into: "c", options: .init(label: "biden"))
        let removed = try await engine.deleteFaces(in: "c", matching: FaceFilter(label: "obama"))
        #expect(removed.faceIDs.count == 2 && removed.imageIDs.count == 2)
        let after = try await engine.search(
            photo: try EngineFixtures.photo("obama2.jpg"), in: "c", options: SearchOptions(threshold: 0))
        #expect(after.faces.first?.matches.map(\.faceID) == biden.faces.map(\.id))
        #expect(try engine.store.orphanFiles().isEmpty)
        return (folder, biden.faces.map(\.id))
    }

    @Test func compareGivesScoreAndVerdict() async throws {
        let (engine, _) = try await EngineFixtures.engine()
        let same = try await engine.compare(
            try EngineFixtures.photo("obama.jpg"), try EngineFixtures.photo("obama2.jpg"))
        #expect(same.samePerson && same.distance < 0.6 && same.score >= 0.5)
        let different = try await engine.compare(
            try EngineFixtures.photo("obama.jpg"), try EngineFixtures.photo("biden.jpg"))
        #expect(!different.samePerson)
    }
}
