/// How an HNSW graph is built and searched.
///
/// `m` and `efConstruction` shape the graph and are fixed when it is built;
/// `ef` is read by every search and may change at any time. Larger values buy
/// recall with time (and, for `m`, memory: 8·m bytes of links per vector on
/// the bottom layer). The defaults come from bench/index on face-like
/// clustered vectors and real face descriptors (docs/SCALING.md, "What m
/// buys"): on face-like vectors the links per node decide recall more than
/// the search width, so `m` is 32 rather than hnswlib's customary 16.
public struct HNSWParameters: Sendable, Hashable, Codable {
    /// Links per node above the bottom layer (twice this on the bottom layer).
    public var m: Int
    /// Candidates considered when a vector is inserted.
    public var efConstruction: Int
    /// Candidates a search explores on the bottom layer (at least the `k` asked for).
    public var ef: Int

    /// Parameters from their values.
    public init(m: Int = 32, efConstruction: Int = 200, ef: Int = 128) {
        self.m = m
        self.efConstruction = efConstruction
        self.ef = ef
    }

    /// The measured defaults: m 32, efConstruction 200, ef 128.
    public static let `default` = HNSWParameters()

    /// Why these parameters cannot build a graph, or nil when they can.
    public var problem: String? {
        if !(2...128).contains(m) { return "m must be from 2 to 128, not \(m)" }
        if !(8...2048).contains(efConstruction) {
            return "ef_construction must be from 8 to 2048, not \(efConstruction)"
        }
        if !(1...4096).contains(ef) { return "ef must be from 1 to 4096, not \(ef)" }
        return nil
    }

    private enum CodingKeys: String, CodingKey {
        case m
        case efConstruction = "ef_construction"
        case ef
    }
}
