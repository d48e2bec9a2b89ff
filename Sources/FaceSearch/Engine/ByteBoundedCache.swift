import Synchronization

/// A least-recently-used cache bounded by an estimate of the bytes it
/// holds. The engine keeps two: search results (``SearchCache``) and face
/// thumbnails. Every operation takes one lock and does no I/O.
final class ByteBoundedCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Entry {
        var key: Key
        var value: Value
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
        var statistics: CacheStatistics
    }

    /// The most bytes the cache holds (0 disables it).
    let capacity: Int
    private let cost: @Sendable (Value, Key) -> Int
    private let state: Mutex<State>

    /// An empty cache of at most `capacityBytes`, with `cost` estimating an entry's bytes.
    init(capacityBytes: Int, cost: @escaping @Sendable (Value, Key) -> Int) {
        capacity = max(0, capacityBytes)
        self.cost = cost
        state = Mutex(
            State(
                statistics: CacheStatistics(hits: 0, misses: 0, entries: 0, bytes: 0, capacityBytes: capacity)
            ))
    }

    /// The cached result for `key`, now the most recently used, or nil.
    func value(for key: Key) -> Value? {
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
    func store(_ value: Value, for key: Key) {
        let bytes = cost(value, key)
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

    /// The counters so far, with the bound.
    var statistics: CacheStatistics { state.withLock { $0.statistics } }

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
}

/// Counters of one of the engine's caches.
public struct CacheStatistics: Sendable, Equatable, Codable {
    /// Lookups answered from the cache.
    public var hits: Int
    /// Lookups that had to compute the value (cache on).
    public var misses: Int
    /// Values held now.
    public var entries: Int
    /// Estimated bytes held now.
    public var bytes: Int
    /// The bound on `bytes` (0: the cache is off).
    public var capacityBytes: Int
}
