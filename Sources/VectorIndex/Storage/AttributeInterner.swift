/// Turns labels and metadata into small integers so that the per-candidate
/// filter check during a scan is an integer compare and a table look-up.
///
/// Each label gets an id (0 is "no label"); each key=value pair gets an id, and
/// each distinct combination of pairs (a metadata set, kept as sorted pair ids)
/// gets an id (0 is the empty set). Ids are never reused while the interner
/// lives, so a search that compiled its filter earlier still reads them right.
struct AttributeInterner {
    private struct Pair: Hashable {
        let key: String
        let value: String
    }

    private var labels: [String: UInt32] = [:]
    private var pairs: [Pair: UInt32] = [:]
    private var setIDs: [[UInt32]: UInt32] = [[]: 0]
    /// The sorted pair ids of each metadata set, by set id.
    private var sets: [[UInt32]] = [[]]

    /// Distinct labels and metadata sets seen so far.
    var counts: (labels: Int, metadataSets: Int) { (labels.count, sets.count) }

    /// The ids of an entry's label and metadata set, creating them if new.
    mutating func intern(_ attributes: IndexAttributes) -> (label: UInt32, metadataSet: UInt32) {
        var label: UInt32 = 0
        if let name = attributes.label {
            label = labels[name] ?? Self.insert(name, into: &labels)
        }
        guard !attributes.metadata.isEmpty else { return (label, 0) }
        var members: [UInt32] = []
        members.reserveCapacity(attributes.metadata.count)
        for (key, value) in attributes.metadata {
            let pair = Pair(key: key, value: value)
            members.append(pairs[pair] ?? Self.insert(pair, into: &pairs))
        }
        members.sort()
        if let set = setIDs[members] { return (label, set) }
        let set = UInt32(sets.count)
        sets.append(members)
        setIDs[members] = set
        return (label, set)
    }

    /// A copy with room for `entries` without growing any table, or nil when
    /// this one has room already. Growing a table rehashes all of it, so a
    /// writer grows a copy before it takes the lock and swaps it in under the lock.
    func withRoom(for entries: [IndexEntry]) -> AttributeInterner? {
        let newPairs = entries.reduce(0) { $0 + $1.attributes.metadata.count }
        guard
            labels.count + entries.count > labels.capacity || pairs.count + newPairs > pairs.capacity
                || setIDs.count + entries.count > setIDs.capacity
                || sets.count + entries.count > sets.capacity
        else { return nil }
        var copy = self
        copy.labels.reserveCapacity(max(labels.count + entries.count, 2 * labels.capacity))
        copy.pairs.reserveCapacity(max(pairs.count + newPairs, 2 * pairs.capacity))
        copy.setIDs.reserveCapacity(max(setIDs.count + entries.count, 2 * setIDs.capacity))
        copy.sets.reserveCapacity(max(sets.count + entries.count, 2 * sets.capacity))
        return copy
    }

    /// The filter as integers, or nil when no entry interned so far can pass it.
    func compile(_ filter: IndexFilter) -> CompiledFilter? {
        var label: UInt32 = 0
        if let name = filter.label {
            guard let id = labels[name] else { return nil }
            label = id
        }
        var matchingSets: [Bool]?
        if !filter.metadata.isEmpty {
            var wanted: [UInt32] = []
            for (key, value) in filter.metadata {
                guard let id = pairs[Pair(key: key, value: value)] else { return nil }
                wanted.append(id)
            }
            let table = sets.map { members in wanted.allSatisfy { Self.sorted(members, contains: $0) } }
            guard table.contains(true) else { return nil }
            matchingSets = table
        }
        return CompiledFilter(label: label, matchingSets: matchingSets, excludedIDs: filter.excludedIDs)
    }

    private static func insert<Key: Hashable>(_ key: Key, into table: inout [Key: UInt32]) -> UInt32 {
        precondition(table.count < Int(UInt32.max), "too many distinct attributes")
        let id = UInt32(table.count + 1)
        table[key] = id
        return id
    }

    private static func sorted(_ members: [UInt32], contains value: UInt32) -> Bool {
        var low = 0
        var high = members.count
        while low < high {
            let middle = (low + high) / 2
            if members[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low < members.count && members[low] == value
    }
}
