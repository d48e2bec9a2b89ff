import FaceStore
import Foundation
import Testing

@Suite("Round trips")
struct RoundTripTests {
    @Test func aCollectionReadsBackAsCreated() async throws {
        try await withTemporaryFolder { folder in
            let before = Date()
            let (store, created) = try await storeWithCollection(folder, name: "Team_A-2", dimension: 128)
            let after = Date()
            #expect(created.name == "Team_A-2")
            #expect(created.metric == "euclidean")
            #expect(created.modelID == "dlib_face_recognition_resnet_model_v1")
            #expect(created.dimension == 128)
            // Stored with millisecond precision: within the call, give or take that rounding.
            #expect(created.createdAt >= before.addingTimeInterval(-0.001))
            #expect(created.createdAt <= after.addingTimeInterval(0.001))
            #expect(try await store.collection(named: "Team_A-2") == created)
            #expect(try await store.collection(id: created.id) == created)
            #expect(try await store.collections() == [created])
            #expect(try await store.collection(named: "team_a-2") == nil)
        }
    }

    @Test func everyFieldOfAnImageAndItsFacesReadsBackBitForBit() async throws {
        try await withTemporaryFolder { folder in
            let (store, collection) = try await storeWithCollection(folder, dimension: 8)
            let special: [Float] = [
                -0.0, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 1 / 3, -1e-30, 0.1,
                -.leastNormalMagnitude, 42,
            ]
            let metadata: [String: JSONValue] = [
                "name": .string("Zoë 🙂 \"quoted\" \\ / 名前"),
                "nested": .object([
                    "list": .array([.number(1), .number(-2.5), .bool(true), .null]), "empty": .object([:]),
                ]),
                "score": .number(1e300), "flag": .bool(false), "nothing": .null, "名前": .string("キー"),
            ]
            var image = Fixture.image("all fields", format: "webp", externalID: "photo-7", metadata: metadata)
            image.width = 1920
            image.height = 1080
            let face = NewFace(
                left: -5, top: 7, right: 300, bottom: 333,
                landmarks: [[1, 2], [-3, 4], [5, 6], [7, 8], [9, 10]],
                confidence: 1.25, quality: 0.875, descriptor: special, label: "Ada Lovelace",
                externalID: "person-1",
                metadata: ["seat": .number(3), "tags": .array([.string("a"), .string("b")])])
            let (storedImage, storedFaces) = try await store.insert(
                image, faces: [face], collectionID: collection.id)

            #expect(storedImage.collectionID == collection.id)
            #expect(storedImage.sha256 == image.sha256)
            #expect(storedImage.byteCount == image.bytes.count)
            #expect(storedImage.width == 1920 && storedImage.height == 1080)
            #expect(storedImage.format == "webp")
            #expect(storedImage.fileName == "\(image.sha256.prefix(2))/\(image.sha256).webp")
            #expect(storedImage.externalID == "photo-7")
            #expect(storedImage.metadata == metadata)
            #expect(try Array(Data(contentsOf: store.fileURL(of: storedImage))) == image.bytes)
            #expect(store.fileURL(of: storedImage).path.hasPrefix(folder + "/images/"))
            #expect(try await store.image(id: storedImage.id) == storedImage)
            #expect(try await store.image(collectionID: collection.id, sha256: image.sha256) == storedImage)

            let stored = try #require(storedFaces.first)
            #expect(storedFaces.count == 1)
            #expect(stored.imageID == storedImage.id && stored.collectionID == collection.id)
            #expect([stored.left, stored.top, stored.right, stored.bottom] == [-5, 7, 300, 333] as [Int])
            #expect(stored.landmarks == face.landmarks)
            #expect(stored.confidence == 1.25 && stored.quality == 0.875)
            #expect(stored.descriptor.map(\.bitPattern) == special.map(\.bitPattern))
            #expect(stored.label == "Ada Lovelace" && stored.externalID == "person-1")
            #expect(stored.metadata == face.metadata)
            #expect(stored.createdAt == storedImage.createdAt)
            #expect(try await store.face(id: stored.id) == stored)
            #expect(try await store.faces(ids: [stored.id]) == [stored])
        }
    }

    @Test func nilOptionalsStayNil() async throws {
        try await withTemporaryFolder { folder in
            let (store, collection) = try await storeWithCollection(folder)
            let face = NewFace(
                left: 0, top: 0, right: 0, bottom: 0, landmarks: [], confidence: 0, quality: 0,
                descriptor: [0, 0, 0, 0])
            let (image, faces) = try await store.insert(
                Fixture.image("bare", format: "png"), faces: [face], collectionID: collection.id)
            let reread = try #require(try await store.image(id: image.id))
            #expect(reread.externalID == nil && reread.metadata == nil)
            #expect(reread.fileName.hasSuffix(".png"))
            let rereadFace = try #require(try await store.face(id: faces[0].id))
            #expect(rereadFace.label == nil && rereadFace.externalID == nil && rereadFace.metadata == nil)
            #expect(rereadFace.landmarks.isEmpty)
        }
    }

    @Test func facesByIDsFollowTheOrderAskedAndSkipMissingIDs() async throws {
        try await withTemporaryFolder { folder in
            let (store, collection) = try await storeWithCollection(folder)
            let (_, faces) = try await store.insert(
                Fixture.image("three"), faces: (1...3).map { Fixture.face(seed: $0) },
                collectionID: collection.id)
            let ids = faces.map(\.id)
            #expect(ids == ids.sorted())
            let fetched = try await store.faces(ids: [ids[2], 999_999, ids[0], ids[1]])
            #expect(fetched.map(\.id) == [ids[2], ids[0], ids[1]])
            #expect(try await store.face(id: 999_999) == nil)
            #expect(try await store.image(id: 999_999) == nil)
        }
    }

    @Test func metadataValuesKeepTheirJSONTypes() async throws {
        try await withTemporaryFolder { folder in
            let (store, collection) = try await storeWithCollection(folder)
            let metadata: [String: JSONValue] = [
                "zero": .number(0), "one": .number(1), "true": .bool(true), "false": .bool(false),
                "text-one": .string("1"), "null": .null,
                "deep": .array([.array([.object(["k": .string("v")])])]),
                "big": .number(9_007_199_254_740_992), "tiny": .number(-1.5e-300),
            ]
            let (_, faces) = try await store.insert(
                Fixture.image("types"), faces: [Fixture.face(metadata: metadata)], collectionID: collection.id
            )
            #expect(try await store.face(id: faces[0].id)?.metadata == metadata)
        }
    }
}
