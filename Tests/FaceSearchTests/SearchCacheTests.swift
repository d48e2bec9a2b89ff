import FaceSearch
import Testing

/// Identical searches are answered from the cache until the collection changes.
@Suite struct SearchCacheTests {
    @Test func aRepeatedSearchIsAHitAndAnyWriteInvalidatesIt() async throws {
        let (engine, _) = try await EngineFixtures.engine()
        _ = try await engine.createCollection(name: "c")
        _ = try await engine.index(
            photo: try EngineFixtures.photo("obama.jpg"), into: "c", options: .init(label: "obama"))
        let query = try EngineFixtures.photo("obama2.jpg")
        let options = SearchOptions(topK: 10, threshold: 0)

        let first = try await engine.search(photo: query, in: "c", options: options)
        let second = try await engine.search(photo: query, in: "c", options: options)
        #expect(second == first)
        #expect(engine.searchCacheStatistics.hits == 1 && engine.searchCacheStatistics.misses == 1)

        // Other options are another search.
        _ = try await engine.search(photo: query, in: "c", options: SearchOptions(topK: 1, threshold: 0))
        #expect(engine.searchCacheStatistics.misses == 2)

        // A new face in the collection must show up: the cached answer is not used.
        let biden = try await engine.index(photo: try EngineFixtures.photo("biden.jpg"), into: "c")
        let afterIndex = try await engine.search(photo: query, in: "c", options: options)
        #expect(afterIndex.faces.first?.matches.count == 2)
        #expect(engine.searchCacheStatistics.hits == 1)

        // And a deleted one must disappear.
        _ = try await engine.deleteFace(try #require(biden.faces.first?.id), in: "c")
        let afterDelete = try await engine.search(photo: query, in: "c", options: options)
        #expect(afterDelete.faces.first?.matches.count == 1)
        #expect(engine.searchCacheStatistics.hits == 1)
        #expect(engine.searchCacheStatistics.bytes <= engine.searchCacheStatistics.capacityBytes)
    }

    @Test func aRecreatedCollectionNeverServesTheOldAnswers() async throws {
        let (engine, _) = try await EngineFixtures.engine()
        let query = try EngineFixtures.photo("obama2.jpg")
        _ = try await engine.createCollection(name: "c")
        _ = try await engine.index(photo: try EngineFixtures.photo("obama.jpg"), into: "c")
        let before = try await engine.search(photo: query, in: "c")
        #expect(before.faces.first?.matches.count == 1)
        _ = try await engine.deleteCollection("c")
        _ = try await engine.createCollection(name: "c")
        _ = try await engine.index(photo: try EngineFixtures.photo("biden.jpg"), into: "c")
        let after = try await engine.search(photo: query, in: "c")
        #expect(after.faces.first?.matches.isEmpty == true, "Obama is gone with the old collection")
    }
}
