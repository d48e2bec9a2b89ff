import FaceStore
import Foundation
import Testing

@Suite("Transaction boundaries")
struct TransactionTests {
    /// The second face's box is inverted, which the table's CHECK constraint
    /// refuses after the image row and the first face are already inserted.
    @Test func aFaceFailingMidwayLeavesNoRowAndNoFile() async throws {
        try await withTemporaryFolder { folder in
            let image = Fixture.image("half")
            do {
                let (store, collection) = try await storeWithCollection(folder)
                var inverted = Fixture.face(seed: 2)
                inverted.right = inverted.left - 1
                await #expect {
                    try await store.insert(
                        image, faces: [Fixture.face(seed: 1), inverted, Fixture.face(seed: 3)],
                        collectionID: collection.id)
                } throws: { error in
                    guard case FaceStoreError.invalidInput(let reason) = error else { return false }
                    return reason.contains("CHECK")
                }
                #expect(try await store.image(collectionID: collection.id, sha256: image.sha256) == nil)
                #expect(try await store.counts(collectionID: collection.id) == (0, 0, 0))
                #expect(try await store.faceIDs(collectionID: collection.id).isEmpty)
                #expect(try store.orphanFiles().isEmpty)
            }
            let reopened = try openStore(folder)
            #expect(try reopened.orphanFiles().isEmpty)
            #expect(storedFiles(folder).isEmpty)
        }
    }

    @Test func aDescriptorOfTheWrongLengthIsRefusedBeforeAnythingIsWritten() async throws {
        try await withTemporaryFolder { folder in
            let (store, collection) = try await storeWithCollection(folder)
            await #expect(
                throws: FaceStoreError.invalidInput(
                    "the descriptor has 5 values; the collection's dimension is 4")
            ) {
                try await store.insert(
                    Fixture.image("long"), faces: [Fixture.face(), Fixture.face(dimension: 5)],
                    collectionID: collection.id)
            }
            var nan = Fixture.face()
            nan.descriptor[1] = .nan
            await #expect(throws: FaceStoreError.self) {
                try await store.insert(Fixture.image("nan"), faces: [nan], collectionID: collection.id)
            }
            #expect(try await store.counts(collectionID: collection.id).images == 0)
            #expect(storedFiles(folder).isEmpty)
        }
    }

    @Test func aDuplicateImageIsRefusedWithTheExistingID() async throws {
        try await withTemporaryFolder { folder in
            let (store, collection) = try await storeWithCollection(folder)
            let image = Fixture.image("twice")
            let (first, _) = try await store.insert(
                image, faces: [Fixture.face()], collectionID: collection.id)
            await #expect(throws: FaceStoreError.duplicateImage(existingID: first.id)) {
                try await store.insert(image, faces: [Fixture.face(seed: 2)], collectionID: collection.id)
            }
            #expect(try await store.counts(collectionID: collection.id) == (1, 1, 0))
            #expect(storedFiles(folder) == [first.fileName])
        }
    }

    @Test func concurrentInsertsOfTheSameBytesStoreOneImageAndOneFile() async throws {
        try await withTemporaryFolder { folder in
            let (store, collection) = try await storeWithCollection(folder)
            let image = Fixture.image("race")
            let outcomes = await withTaskGroup(of: Int64?.self) { group in
                for seed in 1...8 {
                    group.addTask {
                        try? await store.insert(
                            image, faces: [Fixture.face(seed: seed)], collectionID: collection.id
                        )
                        .0.id
                    }
                }
                return await group.reduce(into: [Int64?]()) { $0.append($1) }
            }
            #expect(outcomes.compactMap { $0 }.count == 1)
            #expect(try await store.counts(collectionID: collection.id) == (1, 1, 0))
            #expect(storedFiles(folder).count == 1)
            #expect(try store.orphanFiles().isEmpty)
        }
    }

    @Test func theSameBytesInTwoCollectionsShareOneFile() async throws {
        try await withTemporaryFolder { folder in
            let (store, first) = try await storeWithCollection(folder, name: "first")
            let second = try await store.createCollection(
                name: "second", metric: "cosine", modelID: "m", dimension: 4)
            let image = Fixture.image("shared")
            let (a, _) = try await store.insert(image, faces: [Fixture.face()], collectionID: first.id)
            let (b, _) = try await store.insert(image, faces: [Fixture.face()], collectionID: second.id)
            #expect(a.id != b.id && a.fileName == b.fileName)
            #expect(storedFiles(folder) == [a.fileName])
        }
    }

    @Test func aDigestThatDoesNotMatchTheBytesIsRefused() async throws {
        try await withTemporaryFolder { folder in
            let (store, collection) = try await storeWithCollection(folder)
            var image = Fixture.image("lying")
            image.sha256 = Fixture.image("other").sha256
            await #expect(throws: FaceStoreError.self) {
                try await store.insert(image, faces: [Fixture.face()], collectionID: collection.id)
            }
            image.sha256 = "ABC"
            await #expect(throws: FaceStoreError.self) {
                try await store.insert(image, faces: [Fixture.face()], collectionID: collection.id)
            }
            #expect(storedFiles(folder).isEmpty)
        }
    }

    @Test func anUnknownCollectionOrFormatIsRefused() async throws {
        try await withTemporaryFolder { folder in
            let (store, collection) = try await storeWithCollection(folder)
            await #expect(throws: FaceStoreError.collectionNotFound("#999")) {
                try await store.insert(Fixture.image("lost"), faces: [], collectionID: 999)
            }
            await #expect(throws: FaceStoreError.self) {
                try await store.insert(
                    Fixture.image("gif", format: "gif"), faces: [], collectionID: collection.id)
            }
            #expect(storedFiles(folder).isEmpty)
        }
    }
}
