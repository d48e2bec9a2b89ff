/// An `IndexFilter` translated to one index's interned ids, ready for a scan.
struct CompiledFilter {
    /// The label id every candidate must carry; 0 means any label.
    let label: UInt32
    /// Whether each metadata set (by id) holds the filter's pairs; nil means any.
    /// Sets created after compiling are beyond the table and do not match.
    let matchingSets: [Bool]?
    /// Ids never returned; checked only for candidates about to enter the heap.
    let excludedIDs: Set<Int64>

    /// Whether candidates' attributes need checking at all.
    var checksAttributes: Bool { label != 0 || matchingSets != nil }
}

/// Decides, from a slot's interned attributes, whether a candidate may be
/// scored. Generic so that the unfiltered scan compiles to a loop without checks.
protocol SlotAdmission {
    /// Whether the candidate in `slot` of `chunk` passes.
    func admits(_ chunk: VectorChunk, _ slot: Int) -> Bool
}

/// Every slot passes.
struct AdmitAll: SlotAdmission {
    @inline(__always)
    func admits(_ chunk: VectorChunk, _ slot: Int) -> Bool { true }
}

/// Slots whose label and metadata set pass a compiled filter.
struct AdmitMatching: SlotAdmission {
    let label: UInt32
    let checksMetadata: Bool
    let matchingSets: [Bool]

    init(_ filter: CompiledFilter) {
        label = filter.label
        checksMetadata = filter.matchingSets != nil
        matchingSets = filter.matchingSets ?? []
    }

    @inline(__always)
    func admits(_ chunk: VectorChunk, _ slot: Int) -> Bool {
        if label != 0 && chunk.labels[slot] != label { return false }
        if !checksMetadata { return true }
        let set = Int(chunk.metadataSets[slot])
        return set < matchingSets.count && matchingSets[set]
    }
}
