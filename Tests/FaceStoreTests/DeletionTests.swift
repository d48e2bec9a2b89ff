import FaceStore
import Foundation
import Testing

@Suite("Deletion")
struct DeletionTests {
    @Test func anImageGoesWithItsLastFaceAndItsFileAfterIt() async throws {
        try await withTemporaryFolder { folder in
            let (store, collection) = try await storeWithCollection(folder)
            let (image, faces) = try await store.insert(
                Fixture.image("pair"), faces: [Fixture.face(seed: 1), Fixture.face(seed: 2)],
                collectionID: collection.id)
            let first = try await store.deleteFaces(ids: [faces[0].id, 999_999])
            #expect(first == DeletionResult(faceIDs: [faces[0].id], imageIDs: [], filesRemoved: 0))
            #expect(try await store.image(id: image.id) != nil)
            #expect(FileManager.default.fileExists(atPath: store.fileURL(of: image).path))

            let second = try await store.deleteFaces(ids: [faces[1].id])
            #expect(second == DeletionResult(faceIDs: [faces[1].id], imageIDs: [image.id], filesRemoved: 1))
            #expect(try await store.image(id: image.id) == nil)
            #expect(!FileManager.default.fileExists(atPath: store.fileURL(of: image).path))
            #expect(
                try await store.deleteFaces(ids: [faces[1].id])
                    == DeletionResult(faceIDs: [], imageIDs: [], filesRemoved: 0))
        }
    }

    @Test func deletingByLabelRemovesEverythingAboutOnePerson() async throws {
        try await withTemporaryFolder { folder in
            let (store, collection) = try await storeWithCollection(folder)
            let (group, groupFaces) = try await store.insert(
                Fixture.image("group"),
                faces: [Fixture.face(seed: 1, label: "ann"), Fixture.face(seed: 2, label: "bob")],
                collectionID: collection.id)
            let (solo, soloFaces) = try await store.insert(
                Fixture.image("solo"), faces: [Fixture.face(seed: 3, label: "ann")],
                collectionID: collection.id)
            let result = try await store.deleteFaces(
                collectionID: collection.id, filter: FaceFilter(label: "ann"))
            #expect(
                result
                    == DeletionResult(
                        faceIDs: [groupFaces[0].id, soloFaces[0].id], imageIDs: [solo.id], filesRemoved: 1))
            #expect(try await store.image(id: group.id) != nil)
            #expect(try await store.faceIDs(collectionID: collection.id) == [groupFaces[1].id])
            #expect(storedFiles(folder) == [group.fileName])
        }
    }

    @Test func deletingByExternalIDStaysInsideTheCollection() async throws {
        try await withTemporaryFolder { folder in
            let (store, mine) = try await storeWithCollection(folder, name: "mine")
            let theirs = try await store.createCollection(
                name: "theirs", metric: "euclidean", modelID: "m", dimension: 4)
            let (_, kept) = try await store.insert(
                Fixture.image("theirs"), faces: [Fixture.face(externalID: "u-1")], collectionID: theirs.id)
            let (image, gone) = try await store.insert(
                Fixture.image("mine"), faces: [Fixture.face(externalID: "u-1")], collectionID: mine.id)
            let result = try await store.deleteFaces(
                collectionID: mine.id, filter: FaceFilter(externalID: "u-1"))
            #expect(result == DeletionResult(faceIDs: [gone[0].id], imageIDs: [image.id], filesRemoved: 1))
            #expect(try await store.faceIDs(collectionID: theirs.id) == [kept[0].id])
        }
    }

    @Test func anEmptyFilterDeletesNothing() async throws {
        try await withTemporaryFolder { folder in
            let (store, collection) = try await storeWithCollection(folder)
            _ = try await store.insert(
                Fixture.image("safe"), faces: [Fixture.face()], collectionID: collection.id)
            await #expect(throws: FaceStoreError.self) {
                try await store.deleteFaces(collectionID: collection.id, filter: FaceFilter())
            }
            #expect(try await store.counts(collectionID: collection.id).faces == 1)
        }
    }

    @Test func aFileSharedAcrossCollectionsStaysUntilItsLastImageGoes() async throws {
        try await withTemporaryFolder { folder in
            let (store, first) = try await storeWithCollection(folder, name: "first")
            let second = try await store.createCollection(
                name: "second", metric: "cosine", modelID: "m", dimension: 4)
            let image = Fixture.image("shared")
            let (a, aFaces) = try await store.insert(image, faces: [Fixture.face()], collectionID: first.id)
            let (b, bFaces) = try await store.insert(image, faces: [Fixture.face()], collectionID: second.id)
            let (other, _) = try await store.insert(
                Fixture.image("only second"), faces: [Fixture.face()], collectionID: second.id)

            #expect(try await store.deleteFaces(ids: [aFaces[0].id]).filesRemoved == 0)
            #expect(storedFiles(folder).contains(b.fileName))

            let result = try await store.deleteCollection(named: "second")
            #expect(result.faceIDs.count == 2 && result.faceIDs.contains(bFaces[0].id))
            #expect(result.imageIDs == [b.id, other.id].sorted() && result.filesRemoved == 2)
            #expect(try await store.collection(named: "second") == nil)
            #expect(try await store.image(id: b.id) == nil)
            #expect(storedFiles(folder).isEmpty)
            #expect(a.fileName == b.fileName)
        }
    }

    @Test func deletingACollectionKeepsFilesAnotherCollectionUses() async throws {
        try await withTemporaryFolder { folder in
            let (store, first) = try await storeWithCollection(folder, name: "first")
            let second = try await store.createCollection(
                name: "second", metric: "cosine", modelID: "m", dimension: 4)
            let image = Fixture.image("shared")
            _ = try await store.insert(image, faces: [Fixture.face()], collectionID: first.id)
            let (kept, _) = try await store.insert(image, faces: [Fixture.face()], collectionID: second.id)
            #expect(try await store.deleteCollection(named: "first").filesRemoved == 0)
            #expect(storedFiles(folder) == [kept.fileName])
            #expect(try await store.collections().map(\.name) == ["second"])
            await #expect(throws: FaceStoreError.collectionNotFound("first")) {
                try await store.deleteCollection(named: "first")
            }
        }
    }
}
