import FaceSearch
import Testing

/// Thumbnails are cut once and then served from the cache, but only after
/// the store says the face exists and the caller may read its collection.
@Suite struct ThumbnailCacheTests {
    @Test func aSecondThumbnailIsAHitWithTheSameBytes() async throws {
        let (engine, _) = try await EngineFixtures.engine()
        _ = try await engine.createCollection(name: "c")
        let indexed = try await engine.index(photo: try EngineFixtures.photo("obama.jpg"), into: "c")
        let id = try #require(indexed.faces.first?.id)

        let first = try await engine.thumbnail(ofFace: id)
        let second = try await engine.thumbnail(ofFace: id)
        #expect(second.jpeg == first.jpeg && second.collection == "c")
        let statistics = engine.thumbnailCacheStatistics
        #expect(statistics.hits == 1 && statistics.misses == 1 && statistics.entries == 1)
        #expect(statistics.bytes > first.jpeg.count && statistics.bytes <= statistics.capacityBytes)
    }

    @Test func aCachedThumbnailIsRefusedToOtherCollectionsAndGoneWithItsFace() async throws {
        let (engine, _) = try await EngineFixtures.engine()
        _ = try await engine.createCollection(name: "c")
        let indexed = try await engine.index(photo: try EngineFixtures.photo("obama.jpg"), into: "c")
        let id = try #require(indexed.faces.first?.id)
        _ = try await engine.thumbnail(ofFace: id)

        await #expect(throws: EngineError.faceNotFound(id)) {
            _ = try await engine.thumbnail(ofFace: id, allows: { $0 != "c" })
        }
        _ = try await engine.deleteFace(id, in: "c")
        await #expect(throws: EngineError.faceNotFound(id)) { _ = try await engine.thumbnail(ofFace: id) }
    }

    @Test func aZeroBoundTurnsTheCacheOff() async throws {
        let (engine, _) = try await EngineFixtures.engine(thumbnailCacheBytes: 0)
        _ = try await engine.createCollection(name: "c")
        let indexed = try await engine.index(photo: try EngineFixtures.photo("obama.jpg"), into: "c")
        let id = try #require(indexed.faces.first?.id)
        let first = try await engine.thumbnail(ofFace: id)
        #expect(try await engine.thumbnail(ofFace: id).jpeg == first.jpeg)
        let statistics = engine.thumbnailCacheStatistics
        #expect(statistics.hits == 0 && statistics.misses == 0 && statistics.entries == 0)
        #expect(statistics.capacityBytes == 0)
    }
}
