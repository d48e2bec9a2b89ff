import FaceStore
import Testing

@Suite("Collections")
struct CollectionTests {
    @Test(arguments: ["", "a b", "a/b", "é", "name.with.dot", String(repeating: "n", count: 65)])
    func badNamesAreRefused(name: String) async throws {
        try await withTemporaryFolder { folder in
            let store = try openStore(folder)
            await #expect(throws: FaceStoreError.invalidName(name)) {
                try await store.createCollection(name: name, metric: "euclidean", modelID: "m", dimension: 4)
            }
        }
    }

    @Test func aNameIsTakenOnce() async throws {
        try await withTemporaryFolder { folder in
            let (store, _) = try await storeWithCollection(folder, name: String(repeating: "n", count: 64))
            await #expect(throws: FaceStoreError.collectionExists(String(repeating: "n", count: 64))) {
                try await store.createCollection(
                    name: String(repeating: "n", count: 64), metric: "cosine", modelID: "m", dimension: 4)
            }
        }
    }

    @Test func badMetricsDimensionsAndModelsAreRefused() async throws {
        try await withTemporaryFolder { folder in
            let store = try openStore(folder)
            for (metric, dimension, model) in [("manhattan", 4, "m"), ("cosine", 0, "m"), ("cosine", 4, "")] {
                await #expect(throws: FaceStoreError.self) {
                    try await store.createCollection(
                        name: "c", metric: metric, modelID: model, dimension: dimension)
                }
            }
            #expect(try await store.collections().isEmpty)
        }
    }

    @Test func errorsHaveStableCodes() {
        #expect(FaceStoreError.duplicateImage(existingID: 3).code == "duplicate_image")
        #expect(FaceStoreError.invalidFilterKey("x y").code == "invalid_filter_key")
        #expect(FaceStoreError.collectionNotFound("x").description == "no collection named x")
    }
}
