/// Repeated searches with identical photo bytes and options are answered
/// from here without running the face pipeline again (the seeds' Redis
/// cache, without a second server).
///
/// Keys carry the collection's write generation, so any write to the
/// collection makes its earlier entries unreachable at once; they then age
/// out like any other entry.
typealias SearchCache = ByteBoundedCache<SearchCacheKey, SearchResult>

/// What identifies one cached search.
struct SearchCacheKey: Hashable, Sendable {
    let collection: String
    let generation: Int
    let photoSHA256: String
    let options: SearchOptions
}

extension ByteBoundedCache where Key == SearchCacheKey, Value == SearchResult {
    /// An empty search cache of at most `capacityBytes`.
    convenience init(capacityBytes: Int) {
        self.init(capacityBytes: capacityBytes, cost: Self.estimatedBytes)
    }

    /// A deliberately generous estimate of an entry's memory: fixed overhead,
    /// plus per face and per match, plus the metadata and label text.
    static func estimatedBytes(of result: SearchResult, key: SearchCacheKey) -> Int {
        var bytes = 512 + key.collection.utf8.count + key.photoSHA256.utf8.count
        for face in result.faces {
            bytes += 256
            for match in face.matches {
                bytes += 256 + (match.label?.utf8.count ?? 0) + (match.externalID?.utf8.count ?? 0)
                bytes += match.metadata.map { "\($0)".utf8.count } ?? 0
            }
        }
        return bytes
    }
}
