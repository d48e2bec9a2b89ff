import Foundation

extension HNSWIndex {
    /// What `restore(_:)` did with a batch of entries.
    public struct RestoreCounts: Sendable, Hashable {
        /// Entries the saved graph held with the same vector.
        public var kept = 0
        /// Entries it lacked (written after the save), now added.
        public var added = 0
        /// Entries it held with another vector, now replaced.
        public var replaced = 0

        /// No entries yet.
        public init() {}
    }

    /// The graph saved at `path` by `save(to:)`, for vectors of `dimension`
    /// values under `metric`, searched at width `ef`. It comes without labels
    /// and metadata: `restore(_:)` gives them back, entry by entry, from the
    /// source of truth. Throws `.corruptFile` for a file that is missing,
    /// truncated, corrupt or of another dimension.
    public static func load(from path: String, dimension: Int, metric: DistanceMetric, ef: Int = 64)
        throws(VectorIndexError) -> HNSWIndex
    {
        let stride = (dimension + 15) / 16 * 16
        let graph = try NativeGraph(loading: path, stride: stride, metric: metric)
        let statistics = graph.statistics
        let parameters = HNSWParameters(
            m: Int(statistics.m), efConstruction: Int(statistics.ef_construction), ef: ef)
        if let problem = parameters.problem { throw .corruptFile(problem) }
        return HNSWIndex(dimension: dimension, metric: metric, parameters: parameters, graph: graph)
    }

    /// Writes the graph to `path` (replacing any file there) while searches go
    /// on; writes wait. Labels and metadata are not written (see `load`). The
    /// caller makes the file durable and gives it its final name.
    public func save(to path: String) throws(VectorIndexError) {
        try writers.withLock { _ throws(VectorIndexError) in
            // Only writers change the graph, and this one holds `writers`.
            try graph.save(to: path)
        }
    }

    /// Brings a loaded graph in line with the truth, one batch of the truth's
    /// entries at a time: an entry the graph holds with the same prepared
    /// vector gets its attributes back; one it lacks is added; one it holds
    /// with another vector is replaced. Entries the truth no longer has are
    /// then removed with `remove(ids:)` (see `ids()`). Throws like `add`.
    public func restore(_ entries: [IndexEntry]) throws(VectorIndexError) -> RestoreCounts {
        guard !entries.isEmpty else { return RestoreCounts() }
        let rows = try QueryBlock.prepare(
            entries.map(\.vector), dimension: dimension, stride: stride, metric: metric)
        let bytes = stride * MemoryLayout<Float>.stride
        return try writers.withLock { _ throws(VectorIndexError) in
            var counts = RestoreCounts()
            var changed: [Int] = []
            for (offset, entry) in entries.enumerated() {
                if let row = graph.row(entry.id) {
                    if memcmp(row, rows.row(offset), bytes) == 0 {
                        counts.kept += 1
                    } else {
                        counts.replaced += 1
                        changed.append(offset)
                    }
                } else {
                    counts.added += 1
                    changed.append(offset)
                }
            }
            let changedOffsets = changed
            try makeRoom(for: changed.count)
            try lock.withWriteLock { () throws(VectorIndexError) in
                try Self.insert(into: graph, count: changedOffsets.count) { position in
                    (entries[changedOffsets[position]].id, rows.row(changedOffsets[position]))
                }
                for entry in entries { attributes.set(entry.attributes, for: entry.id) }
            }
            if !changedOffsets.isEmpty { changes.add(1, ordering: .releasing) }
            return counts
        }
    }
}
