import VectorIndex

/// Measures an index on a generated dataset: build time, memory, single-query
/// latency, batch throughput and recall against a brute-force reference.
/// A program's measurement, printed by `facesearch bench index`; never a test.
public enum IndexBenchmark {
    /// What to measure and how much.
    public struct Configuration: Sendable {
        /// Neighbours per query.
        public var k = 10
        /// Queries timed one at a time for the latency percentiles.
        public var latencyQueries = 500
        /// Queries in the batch timed for throughput.
        public var batchQueries = 1000
        /// Thread counts the batch is timed with.
        public var threadCounts = [1, 2]
        /// Queries checked against the brute-force reference.
        public var recallQueries = 50
        /// The same-person distance: `matchRecall` counts the true neighbours
        /// nearer than this (the matches a search above its threshold shows);
        /// nil leaves it unmeasured.
        public var matchDistance: Double?
        /// Entries per `add` call while building.
        public var addBatchSize = 10_000

        /// The defaults: k 10, 500 latency queries, a batch of 1000 on 1 and 2 threads, recall on 50.
        public init() {}
    }

    /// The figures of one run.
    public struct Report: Sendable {
        /// How the data was drawn.
        public var kind: BenchmarkDataset.Kind
        /// Vectors in the index.
        public var count: Int
        /// Values per vector.
        public var dimension: Int
        /// Neighbours per query.
        public var k: Int
        /// The index's metric.
        public var metric: DistanceMetric
        /// Seconds spent in `add` for the whole gallery.
        public var buildSeconds: Double
        /// The process's resident bytes before and after the build.
        public var residentBytesBefore: Int
        /// The process's resident bytes after the build.
        public var residentBytesAfter: Int
        /// The index's own account of its memory.
        public var indexBytes: Int
        /// Median and 99th percentile of single-query latency, seconds.
        public var latencyP50: Double
        /// The 99th percentile of single-query latency, seconds.
        public var latencyP99: Double
        /// Median latency with a metadata filter that admits a quarter of the gallery.
        public var filteredLatencyP50: Double
        /// Batch queries per second, by thread count.
        public var throughput: [(threads: Int, queriesPerSecond: Double)]
        /// Mean recall@k against the brute-force reference.
        public var recall: Double
        /// Queries the recall was measured on.
        public var recallQueries: Int
        /// Of the true `k` nearest that are within the same-person distance,
        /// the share found (nil: not measured, or no query had such neighbours).
        public var matchRecall: Double? = nil
        /// Every unfiltered single query's latency, seconds, in the order run.
        public var latencies: [Double] = []
        /// The reference's nearest rows of each recall query, computed by the
        /// first measurement and reused by `remeasure` (the gallery is the same).
        var referenceNeighbours: [[(row: Int, distance: Double)]] = []

        /// Entries added per second.
        public var addsPerSecond: Double { Double(count) / buildSeconds }
    }

    /// Builds `index` (empty, of the dataset's dimension) from `dataset` and
    /// measures it. Every entry gets metadata `shard` = id modulo 4, for the
    /// filtered latency. `progress` hears what is being done, for long runs.
    /// `afterBuild` runs between the build and the searches, untimed (a
    /// remote index waits there until its vectors are indexed).
    public static func run(
        _ dataset: BenchmarkDataset, index: some VectorIndex, configuration: Configuration = Configuration(),
        progress: (String) -> Void = { _ in }, afterBuild: () throws(VectorIndexError) -> Void = {}
    ) throws(VectorIndexError) -> Report {
        progress("building the index of \(dataset.count) vectors")
        let before = ProcessMemory.residentBytes()
        let buildSeconds = try build(index, from: dataset, batchSize: configuration.addBatchSize)
        try afterBuild()
        let after = ProcessMemory.residentBytes()
        let built = Report(
            kind: dataset.kind, count: dataset.count, dimension: dataset.dimension, k: configuration.k,
            metric: index.metric, buildSeconds: buildSeconds, residentBytesBefore: before,
            residentBytesAfter: after, indexBytes: index.residentBytes, latencyP50: 0, latencyP99: 0,
            filteredLatencyP50: 0, throughput: [], recall: 0, recallQueries: 0)
        return try remeasure(built, dataset, index: index, configuration: configuration, progress: progress)
    }

    /// Measures the searches of an index already built from `dataset` again
    /// (after a change of its search width, say), keeping `report`'s build figures.
    public static func remeasure(
        _ report: Report, _ dataset: BenchmarkDataset, index: some VectorIndex,
        configuration: Configuration = Configuration(), progress: (String) -> Void = { _ in }
    ) throws(VectorIndexError) -> Report {
        let k = configuration.k
        progress("timing \(configuration.latencyQueries) single queries, unfiltered and filtered")
        let unfiltered = try latencies(
            index, dataset, count: configuration.latencyQueries, k: k, filter: .none)
        let shardFilter = IndexFilter(metadata: ["shard": "0"])
        let filtered = try latencies(
            index, dataset, count: configuration.latencyQueries, k: k, filter: shardFilter)
        var throughput: [(threads: Int, queriesPerSecond: Double)] = []
        for threads in configuration.threadCounts {
            progress("timing a batch of \(configuration.batchQueries) queries on \(threads) thread(s)")
            let rate = try batchRate(
                index, dataset, count: configuration.batchQueries, k: k, threads: threads)
            throughput.append((threads, rate))
        }
        progress("checking recall@\(k) on \(configuration.recallQueries) queries against brute force")
        var measured = report
        measured.k = k
        measured.latencyP50 = percentile(unfiltered, 0.5)
        measured.latencyP99 = percentile(unfiltered, 0.99)
        measured.filteredLatencyP50 = percentile(filtered, 0.5)
        measured.throughput = throughput
        let sample = min(configuration.recallQueries, dataset.queryCount)
        if report.referenceNeighbours.count != sample || report.k != k {
            let reference = ReferenceSearch(dataset: dataset, metric: index.metric)
            measured.referenceNeighbours = (0..<sample).map { reference.nearest(to: dataset.query($0), k: k) }
        }
        let recalls = try recall(
            index, dataset, expected: measured.referenceNeighbours, matchDistance: configuration.matchDistance
        )
        measured.recall = recalls.all
        measured.matchRecall = recalls.matches
        measured.recallQueries = configuration.recallQueries
        measured.latencies = unfiltered
        return measured
    }

    /// The value below which a `fraction` of `values` lie (nearest rank).
    static func percentile(_ values: [Double], _ fraction: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let rank = Int((fraction * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }
}
