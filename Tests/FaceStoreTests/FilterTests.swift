import FaceStore
import Testing

@Suite("Filters and pagination")
struct FilterTests {
    /// Two photos: three faces of "ann" (one in the second photo), one of "bob", one unlabeled.
    private func gallery(_ folder: String) async throws -> (FaceStore, CollectionRecord, [StoredFace]) {
        let (store, collection) = try await storeWithCollection(folder)
        let (_, first) = try await store.insert(
            Fixture.image("one"),
            faces: [
                Fixture.face(
                    seed: 1, label: "ann", externalID: "p1",
                    metadata: ["seat": .number(3), "team": .string("red")]),
                Fixture.face(
                    seed: 2, label: "ann", externalID: "p1",
                    metadata: ["seat": .number(3.5), "vip": .bool(true)]),
                Fixture.face(
                    seed: 3, label: "bob", externalID: "p2", metadata: ["seat": .string("3"), "a.b": .null]),
                Fixture.face(seed: 4),
            ],
            collectionID: collection.id)
        let (_, second) = try await store.insert(
            Fixture.image("two"),
            faces: [
                Fixture.face(
                    seed: 5, label: "ann",
                    metadata: ["tags": .array([.string("x"), .number(1)]), "vip": .bool(false)])
            ],
            collectionID: collection.id)
        return (store, collection, first + second)
    }

    @Test func filtersSelectByLabelExternalIDImageAndMetadata() async throws {
        try await withTemporaryFolder { folder in
            let (store, collection, faces) = try await gallery(folder)
            func ids(_ filter: FaceFilter) async throws -> [Int64] {
                try await store.faces(collectionID: collection.id, filter: filter, limit: 100, afterID: nil)
                    .map(\.id)
            }
            let id = faces.map(\.id)
            #expect(try await ids(FaceFilter()) == id)
            #expect(try await ids(FaceFilter(label: "ann")) == [id[0], id[1], id[4]])
            #expect(try await ids(FaceFilter(externalID: "p1")) == [id[0], id[1]])
            #expect(try await ids(FaceFilter(label: "ann", imageID: faces[4].imageID)) == [id[4]])
            #expect(try await ids(FaceFilter(label: "nobody")).isEmpty)
            // JSON equality: 3 == 3.0, but the string "3" is not the number 3.
            #expect(try await ids(FaceFilter(metadata: ["seat": .number(3.0)])) == [id[0]])
            #expect(try await ids(FaceFilter(metadata: ["seat": .string("3")])) == [id[2]])
            #expect(try await ids(FaceFilter(metadata: ["vip": .bool(true)])) == [id[1]])
            #expect(try await ids(FaceFilter(metadata: ["vip": .bool(false)])) == [id[4]])
            #expect(
                try await ids(FaceFilter(metadata: ["team": .string("red"), "seat": .number(3)])) == [id[0]])
            #expect(try await ids(FaceFilter(metadata: ["team": .string("blue")])).isEmpty)
            // A dot is part of the key, not a path; null matches an explicit null only.
            #expect(try await ids(FaceFilter(metadata: ["a.b": .null])) == [id[2]])
            #expect(
                try await ids(FaceFilter(metadata: ["tags": .array([.string("x"), .number(1)])])) == [id[4]])
            #expect(
                try await ids(FaceFilter(metadata: ["tags": .array([.number(1), .string("x")])])).isEmpty)
            #expect(
                try await store.countFaces(collectionID: collection.id, filter: FaceFilter(label: "ann")) == 3
            )
            #expect(try await store.countFaces(collectionID: collection.id, filter: FaceFilter()) == 5)
        }
    }

    @Test func keysetPagesCoverEveryFaceOnceInIDOrder() async throws {
        try await withTemporaryFolder { folder in
            let (store, collection) = try await storeWithCollection(folder)
            for photo in 0..<5 {
                _ = try await store.insert(
                    Fixture.image("page \(photo)"),
                    faces: (1...5).map {
                        Fixture.face(seed: $0, label: $0.isMultiple(of: 2) ? "even" : "odd")
                    },
                    collectionID: collection.id)
            }
            var pages: [[Int64]] = []
            var afterID: Int64?
            while true {
                let page = try await store.faces(
                    collectionID: collection.id, filter: FaceFilter(), limit: 10, afterID: afterID)
                if page.isEmpty { break }
                pages.append(page.map(\.id))
                afterID = page.last?.id
            }
            #expect(pages.map(\.count) == [10, 10, 5])
            #expect(pages.flatMap { $0 } == (try await store.faceIDs(collectionID: collection.id)))
            let odd = try await store.faces(
                collectionID: collection.id, filter: FaceFilter(label: "odd"), limit: 4, afterID: pages[0][4])
            #expect(odd.count == 4 && odd.allSatisfy { $0.label == "odd" && $0.id > pages[0][4] })
        }
    }

    @Test func labelsAreCountedAndPaged() async throws {
        try await withTemporaryFolder { folder in
            let (store, collection, _) = try await gallery(folder)
            let all = try await store.labels(collectionID: collection.id, limit: 10, offset: 0)
            #expect(all.map(\.label) == ["ann", "bob"] && all.map(\.faces) == [3, 1])
            let second = try await store.labels(collectionID: collection.id, limit: 1, offset: 1)
            #expect(second.map(\.label) == ["bob"])
            #expect(try await store.counts(collectionID: collection.id) == (2, 5, 2))
        }
    }

    @Test(arguments: ["", "a b", "$.x", "x\"y", "x'y", "ключ", "a[0]", String(repeating: "k", count: 65)])
    func unsafeMetadataKeysAreRefused(key: String) async throws {
        try await withTemporaryFolder { folder in
            let (store, collection) = try await storeWithCollection(folder)
            let filter = FaceFilter(metadata: [key: .string("v")])
            #expect(throws: FaceStoreError.invalidFilterKey(key)) { try filter.validate() }
            await #expect(throws: FaceStoreError.invalidFilterKey(key)) {
                try await store.faces(collectionID: collection.id, filter: filter, limit: 1, afterID: nil)
            }
            await #expect(throws: FaceStoreError.invalidFilterKey(key)) {
                try await store.deleteFaces(collectionID: collection.id, filter: filter)
            }
        }
    }

    @Test func safeMetadataKeysAreAccepted() throws {
        try FaceFilter(metadata: ["a.b-c_D9": .null, String(repeating: "k", count: 64): .bool(true)])
            .validate()
    }

    @Test func descriptorsStreamInBatchesInIDOrder() async throws {
        try await withTemporaryFolder { folder in
            let (store, collection) = try await storeWithCollection(folder)
            let count = 4096 + 904  // more than one batch
            let (_, faces) = try await store.insert(
                Fixture.image("crowd"),
                faces: (0..<count).map { Fixture.face(seed: $0, label: $0 == 7 ? "seven" : nil) },
                collectionID: collection.id)
            var seen: [Int64] = []
            var seventh: (descriptor: [Float], label: String?)?
            try await store.forEachDescriptor(collectionID: collection.id) {
                id, descriptor, label, metadata in
                seen.append(id)
                if id == faces[7].id { seventh = (descriptor, label) }
                #expect(descriptor.count == 4 && metadata == nil)
            }
            #expect(seen == faces.map(\.id))
            #expect(seventh?.descriptor == faces[7].descriptor && seventh?.label == "seven")
            #expect(try await store.faceIDs(collectionID: collection.id) == seen)
        }
    }
}
