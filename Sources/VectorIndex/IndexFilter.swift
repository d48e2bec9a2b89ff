/// Which entries a search may return. Every condition must hold; an empty
/// condition holds for every entry. Indexes apply the filter while they scan,
/// so a filtered search still returns the best `k` entries that pass it.
public struct IndexFilter: Sendable, Hashable {
    /// Only entries with exactly this label, when set.
    public var label: String?
    /// Only entries whose metadata holds every one of these pairs (they may hold more).
    public var metadata: [String: String]
    /// Never these faces (the query face itself, faces already shown).
    public var excludedIDs: Set<Int64>

    /// A filter from its conditions; the defaults admit everything.
    public init(label: String? = nil, metadata: [String: String] = [:], excludedIDs: Set<Int64> = []) {
        self.label = label
        self.metadata = metadata
        self.excludedIDs = excludedIDs
    }

    /// The filter that admits every entry.
    public static let none = IndexFilter()

    /// Whether the filter admits every entry.
    public var admitsEverything: Bool { label == nil && metadata.isEmpty && excludedIDs.isEmpty }

    /// Whether an entry passes: the definition of the filter's meaning, which
    /// every index implementation must agree with.
    public func admits(id: Int64, attributes: IndexAttributes) -> Bool {
        if let label, attributes.label != label { return false }
        for (key, value) in metadata where attributes.metadata[key] != value { return false }
        return !excludedIDs.contains(id)
    }
}
