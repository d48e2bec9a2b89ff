/// A set of face descriptors keyed by face id that answers nearest-neighbour
/// queries. `ExactIndex` scans every vector; `HNSWIndex` walks a graph
/// (approximate); a remote index (Milvus) is meant to implement it too.
///
/// Calls block the calling thread until they finish: call them from threads
/// of your own (or a thread pool), never from Swift's cooperative pool, where a
/// scan of a million vectors would hold up every other task.
///
/// Requirements that a remote index may fail at (a network, a server) throw
/// `VectorIndexError`; an in-process index implements them without `throws`,
/// so code holding the concrete type needs no `try` for them.
public protocol VectorIndex: AnyObject, Sendable {
    /// Values per vector.
    var dimension: Int { get }
    /// How distances are measured.
    var metric: DistanceMetric { get }
    /// Entries in the index.
    var count: Int { get throws(VectorIndexError) }
    /// Bytes of memory this process holds for the index (0 for a remote index's data).
    var residentBytes: Int { get }

    /// Adds entries, all or none: if any entry is invalid or its id is taken,
    /// nothing is added and the error names the first problem.
    func add(_ entries: [IndexEntry]) throws(VectorIndexError)
    /// Adds entries whose ids no entry can hold yet (ids the store has just
    /// given out), all or none. A remote index may skip the duplicate check
    /// of ``add(_:)``, which costs it a strongly consistent read; an
    /// in-process index checks anyway (the default), since that is free.
    func addNew(_ entries: [IndexEntry]) throws(VectorIndexError)
    /// Removes the entries with these ids and returns how many were present.
    @discardableResult func remove(ids: some Sequence<Int64>) throws(VectorIndexError) -> Int
    /// Removes every entry.
    func removeAll() throws(VectorIndexError)
    /// Whether an entry with this id is present.
    func contains(id: Int64) throws(VectorIndexError) -> Bool
    /// The ids of all entries, in no particular order.
    func ids() throws(VectorIndexError) -> [Int64]
    /// The stored vector of an entry (unit length for a cosine index), or nil.
    func vector(id: Int64) throws(VectorIndexError) -> [Float]?

    /// Sets how many candidates an approximate search explores (HNSW's
    /// `ef`), for the searches that start from now on. An exact index has
    /// no such width: `invalidParameters` (the default).
    func setSearchWidth(_ ef: Int) throws(VectorIndexError)

    /// The `k` entries nearest to `query` that pass `filter`, by ascending
    /// distance, equal distances by ascending id. Fewer when fewer pass.
    func search(_ query: [Float], k: Int, filter: IndexFilter) throws(VectorIndexError) -> [IndexHit]
    /// One result list per query, as `search(_:k:filter:)` would give, computed
    /// on up to `threads` threads (1: the calling thread only). An index that
    /// runs elsewhere may ignore `threads`.
    func search(batch queries: [[Float]], k: Int, filter: IndexFilter, threads: Int) throws(VectorIndexError)
        -> [[IndexHit]]
}

extension VectorIndex {
    /// Refused: an index that scores every entry has no search width.
    public func setSearchWidth(_ ef: Int) throws(VectorIndexError) {
        throw .invalidParameters("an exact index has no search width (ef)")
    }

    /// ``add(_:)``, duplicate check included.
    public func addNew(_ entries: [IndexEntry]) throws(VectorIndexError) {
        try add(entries)
    }

    /// The `k` nearest entries to `query`, unfiltered.
    public func search(_ query: [Float], k: Int) throws(VectorIndexError) -> [IndexHit] {
        try search(query, k: k, filter: .none)
    }

    /// One result list per query, on the calling thread only.
    public func search(batch queries: [[Float]], k: Int, filter: IndexFilter = .none) throws(VectorIndexError)
        -> [[IndexHit]]
    {
        try search(batch: queries, k: k, filter: filter, threads: 1)
    }
}
