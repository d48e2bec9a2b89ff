import Testing

@testable import FaceSearch

/// The cache's LRU order and its byte bound.
@Suite struct SearchCacheEvictionTests {
    static func key(_ photo: String) -> SearchCacheKey {
        SearchCacheKey(collection: "c", generation: 0, photoSHA256: photo, options: SearchOptions())
    }

    static let result = SearchResult(collection: "c", threshold: 0.5, faces: [])

    @Test func theLeastRecentlyUsedEntryGoesFirstAndTheBoundHolds() {
        let size = SearchCache.estimatedBytes(of: Self.result, key: Self.key("a"))
        let cache = SearchCache(capacityBytes: 2 * size)
        cache.store(Self.result, for: Self.key("a"))
        cache.store(Self.result, for: Self.key("b"))
        #expect(cache.value(for: Self.key("a")) != nil, "a is now the most recently used")
        cache.store(Self.result, for: Self.key("c"))
        #expect(cache.value(for: Self.key("b")) == nil, "b was the least recently used")
        #expect(cache.value(for: Self.key("a")) != nil && cache.value(for: Self.key("c")) != nil)
        #expect(cache.statistics.entries == 2 && cache.statistics.bytes <= 2 * size)
    }

    @Test func aZeroCapacityCacheHoldsNothing() {
        let cache = SearchCache(capacityBytes: 0)
        cache.store(Self.result, for: Self.key("a"))
        #expect(cache.value(for: Self.key("a")) == nil)
        #expect(cache.statistics.entries == 0)
    }
}
