import Synchronization

/// A least-recently-used cache of search results, bounded by an estimate of
/// the bytes it holds: repeated searches with identical photo bytes and
/// options are answered without running the face pipeline again (the seeds'
/// Redis cache, without a second server).
///
/// Keys carry the collection's write generation, so any write to the
/// collection makes its earlier entries unreachable at once; they then age
/// out like any other entry.
final class SearchCache: Sendable {
    /// What identifies one cached search.
    struct Key: Hashable, Sendable {
        let collection: String
        let generation: Int
        let photoSHA256: String
        let options: SearchOptions
    }

    /// Hits, misses and size, for metrics.
    struct Statistics: Sendable, Equatable {
        var hits = 0
        var misses = 0
        var entries = 0
        var bytes = 0
    }

    private struct Entry {
        var key: Key
        var value: SearchResult
        var bytes: Int
        var older: Int?
        var newer: Int?
    }

    private struct State {
        var slots: [Entry?] = []
        var free: [Int] = []
        var index: [Key: Int] = [:]
        var newest: Int?
        var oldest: Int?
        var statistics = Statistics()
    }

    /// The most bytes the cache holds (0 disables it).
    let capacity: Int
    private let state = Mutex(State())

    init(capacityBytes: Int) {
        capacity = max(0, capacityBytes)
    }

    /// The cached result for `key`, now the most recently used, or nil.
    func value(for key: Key) -> SearchResult? {
        guard capacity > 0 else { return nil }
        return state.withLock { state in
            guard let slot = state.index[key], let entry = state.slots[slot] else {
                state.statistics.misses += 1
                return nil
            }
            state.statistics.hits += 1
            Self.unlink(slot, in: &state)
            Self.pushNewest(slot, in: &state)
            return entry.value
        }
    }

    /// Stores `value` for `key`, evicting the least recently used entries to stay within capacity.
    func store(_ value: SearchResult, for key: Key) {
        let bytes = Self.estimatedBytes(of: value, key: key)
        guard capacity > 0, bytes <= capacity else { return }
        state.withLock { state in
            if let existing = state.index[key] { Self.remove(existing, in: &state) }
            while state.statistics.bytes + bytes > capacity, let oldest = state.oldest {
                Self.remove(oldest, in: &state)
            }
            let entry = Entry(key: key, value: value, bytes: bytes, older: nil, newer: nil)
            let slot: Int
            if let reused = state.free.popLast() {
                slot = reused
                state.slots[slot] = entry
            } else {
                slot = state.slots.count
                state.slots.append(entry)
            }
            state.index[key] = slot
            state.statistics.bytes += bytes
            state.statistics.entries += 1
            Self.pushNewest(slot, in: &state)
        }
    }

    /// The counters so far.
    var statistics: Statistics { state.withLock { $0.statistics } }

    private static func remove(_ slot: Int, in state: inout State) {
        guard let entry = state.slots[slot] else { return }
        unlink(slot, in: &state)
        state.index[entry.key] = nil
        state.slots[slot] = nil
        state.free.append(slot)
        state.statistics.bytes -= entry.bytes
        state.statistics.entries -= 1
    }

    private static func unlink(_ slot: Int, in state: inout State) {
        guard let entry = state.slots[slot] else { return }
        if let older = entry.older {
            state.slots[older]?.newer = entry.newer
        } else {
            state.oldest = entry.newer
        }
        if let newer = entry.newer {
            state.slots[newer]?.older = entry.older
        } else {
            state.newest = entry.older
        }
        state.slots[slot]?.older = nil
        state.slots[slot]?.newer = nil
    }

    private static func pushNewest(_ slot: Int, in state: inout State) {
        state.slots[slot]?.older = state.newest
        state.slots[slot]?.newer = nil
        if let newest = state.newest { state.slots[newest]?.newer = slot }
        state.newest = slot
        if state.oldest == nil { state.oldest = slot }
    }

    /// A deliberately generous estimate of an entry's memory: fixed overhead,
    /// plus per face and per match, plus the metadata and label text.
    static func estimatedBytes(of result: SearchResult, key: Key) -> Int {
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
