import FaceStore
import Foundation
import Testing

@Suite("Orphan sweep and file checks")
struct SweepTests {
    @Test func strayAndTemporaryFilesAreSweptWhenTheStoreOpens() async throws {
        try await withTemporaryFolder { folder in
            let image: StoredImage
            do {
                let (store, collection) = try await storeWithCollection(folder)
                (image, _) = try await store.insert(
                    Fixture.image("real"), faces: [Fixture.face()], collectionID: collection.id)
            }
            // What a kill -9 can leave: a renamed file whose transaction never committed, a temporary file.
            let stray = Fixture.image("never committed").sha256
            let strayName = "\(stray.prefix(2))/\(stray).jpg"
            let temporaryName = "\(image.fileName).1f2e3d.tmp"
            for name in [strayName, temporaryName] {
                #expect(
                    FileManager.default.createFile(
                        atPath: folder + "/images/" + name, contents: Data([1, 2, 3])))
            }
            #expect(Set(storedFiles(folder)) == [image.fileName, strayName, temporaryName])

            let reopened = try openStore(folder)
            #expect(try reopened.orphanFiles().isEmpty)
            #expect(storedFiles(folder) == [image.fileName])
            #expect(try await reopened.verifyFiles().isEmpty)
        }
    }

    @Test func orphanFilesListsWhatNoRowReferences() async throws {
        try await withTemporaryFolder { folder in
            let (store, _) = try await storeWithCollection(folder)
            #expect(
                FileManager.default.createFile(atPath: folder + "/images/ab/stray.jpg", contents: Data([0])))
            #expect(try store.orphanFiles() == ["ab/stray.jpg"])
        }
    }

    @Test func verifyFilesNamesTheImagesWhoseFileIsMissing() async throws {
        try await withTemporaryFolder { folder in
            let (store, collection) = try await storeWithCollection(folder)
            let (image, _) = try await store.insert(
                Fixture.image("lost"), faces: [Fixture.face()], collectionID: collection.id)
            _ = try await store.insert(
                Fixture.image("kept"), faces: [Fixture.face()], collectionID: collection.id)
            try FileManager.default.removeItem(at: store.fileURL(of: image))
            #expect(try await store.verifyFiles() == [image.id])
        }
    }

    @Test func aFileURLNeverLeavesTheImagesFolder() async throws {
        try await withTemporaryFolder { folder in
            let (store, collection) = try await storeWithCollection(folder)
            let (image, _) = try await store.insert(
                Fixture.image("real"), faces: [], collectionID: collection.id)
            var json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(image)) as! [String: Any]
            json["fileName"] = "../../../etc/passwd"
            let forged = try JSONDecoder().decode(
                StoredImage.self, from: JSONSerialization.data(withJSONObject: json))
            #expect(store.fileURL(of: forged).path.hasPrefix(folder + "/images/"))
            #expect(!FileManager.default.fileExists(atPath: store.fileURL(of: forged).path))
        }
    }
}
