/// The labels and metadata of an HNSW index's entries, kept beside the graph
/// so that filters can be checked per candidate and, when they are selective,
/// their candidates listed without visiting the graph.
///
/// Entries without a label or metadata take no room: absence means neither.
/// Labels and metadata sets are interned (`AttributeInterner`); each interned
/// label and set lists its entries, which is how a filter counts and lists
/// the entries it admits.
struct AttributeTable {
    /// An entry's interned label and metadata set.
    struct Codes: Hashable {
        var label: UInt32
        var metadataSet: UInt32
    }

    private(set) var interner = AttributeInterner()
    private var codes: [Int64: Codes] = [:]
    private var labelMembers: [UInt32: Set<Int64>] = [:]
    private var setMembers: [UInt32: Set<Int64>] = [:]

    /// Records an entry's attributes (replacing earlier ones).
    mutating func set(_ attributes: IndexAttributes, for id: Int64) {
        remove(id)
        let interned = interner.intern(attributes)
        guard interned.label != 0 || interned.metadataSet != 0 else { return }
        codes[id] = Codes(label: interned.label, metadataSet: interned.metadataSet)
        if interned.label != 0 { labelMembers[interned.label, default: []].insert(id) }
        if interned.metadataSet != 0 { setMembers[interned.metadataSet, default: []].insert(id) }
    }

    /// Forgets an entry's attributes.
    mutating func remove(_ id: Int64) {
        guard let old = codes.removeValue(forKey: id) else { return }
        if old.label != 0 { Self.drop(id, from: old.label, in: &labelMembers) }
        if old.metadataSet != 0 { Self.drop(id, from: old.metadataSet, in: &setMembers) }
    }

    /// Forgets everything, interned values included.
    mutating func removeAll() { self = AttributeTable() }

    /// Whether an entry's attributes pass a compiled filter (excluded ids aside).
    func admits(_ id: Int64, _ filter: CompiledFilter) -> Bool {
        let entry = codes[id] ?? Codes(label: 0, metadataSet: 0)
        if filter.label != 0 && entry.label != filter.label { return false }
        guard let sets = filter.matchingSets else { return true }
        let set = Int(entry.metadataSet)
        return set < sets.count && sets[set]
    }

    /// How many entries could pass a filter on attributes, at most: the
    /// entries of its label, or of its matching metadata sets, whichever is fewer.
    func candidateCount(_ filter: CompiledFilter) -> Int {
        var count = Int.max
        if filter.label != 0 { count = labelMembers[filter.label]?.count ?? 0 }
        if let sets = filter.matchingSets {
            count = min(count, matchingSets(sets).reduce(0) { $0 + (setMembers[$1]?.count ?? 0) })
        }
        return count
    }

    /// The entries that pass a filter on attributes (excluded ids aside), in no order.
    func candidates(_ filter: CompiledFilter) -> [Int64] {
        let byLabel = filter.label != 0 ? labelMembers[filter.label]?.count ?? 0 : Int.max
        let sets = filter.matchingSets.map(matchingSets) ?? []
        let bySets =
            filter.matchingSets == nil ? Int.max : sets.reduce(0) { $0 + (setMembers[$1]?.count ?? 0) }
        if byLabel <= bySets {
            return labelMembers[filter.label, default: []].filter { admits($0, filter) }
        }
        return sets.flatMap { setMembers[$0, default: []].filter { admits($0, filter) } }
    }

    private func matchingSets(_ table: [Bool]) -> [UInt32] {
        table.indices.compactMap { table[$0] && $0 != 0 ? UInt32($0) : nil }
    }

    private static func drop(_ id: Int64, from code: UInt32, in members: inout [UInt32: Set<Int64>]) {
        members[code]?.remove(id)
        if members[code]?.isEmpty == true { members[code] = nil }
    }
}
