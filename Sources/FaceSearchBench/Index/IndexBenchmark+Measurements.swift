import VectorIndex

extension IndexBenchmark {
    /// Adds the gallery in batches (ids are row numbers) and returns the seconds spent in `add`.
    static func build(_ index: some VectorIndex, from dataset: BenchmarkDataset, batchSize: Int)
        throws(VectorIndexError) -> Double
    {
        let shards = (0..<4).map { IndexAttributes(metadata: ["shard": "\($0)"]) }
        var elapsed = Duration.zero
        var start = 0
        while start < dataset.count {
            let end = min(start + max(batchSize, 1), dataset.count)
            let entries = (start..<end).map {
                IndexEntry(id: Int64($0), vector: dataset.vector($0), attributes: shards[$0 % 4])
            }
            let clock = ContinuousClock.now
            try index.add(entries)
            elapsed += ContinuousClock.now - clock
            start = end
        }
        return elapsed.seconds
    }

    /// The latency of each of `count` single searches, in seconds.
    static func latencies(
        _ index: some VectorIndex, _ dataset: BenchmarkDataset, count: Int, k: Int, filter: IndexFilter
    ) throws(VectorIndexError) -> [Double] {
        var latencies: [Double] = []
        for number in 0..<count {
            let query = dataset.query(number % dataset.queryCount)
            let clock = ContinuousClock.now
            _ = try index.search(query, k: k, filter: filter)
            latencies.append((ContinuousClock.now - clock).seconds)
        }
        return latencies
    }

    /// Queries per second of one batch search of `count` queries on `threads` threads.
    static func batchRate(
        _ index: some VectorIndex, _ dataset: BenchmarkDataset, count: Int, k: Int, threads: Int
    )
        throws(VectorIndexError) -> Double
    {
        let queries = (0..<count).map { dataset.query($0 % dataset.queryCount) }
        let clock = ContinuousClock.now
        _ = try index.search(batch: queries, k: k, filter: .none, threads: threads)
        return Double(count) / (ContinuousClock.now - clock).seconds
    }

    /// Mean recall@k of the index against `ReferenceSearch`: `expected` holds
    /// the reference's k nearest rows of the first queries, one list each.
    /// A hit counts when its exact distance is within 1e-5 of the reference's
    /// k-th, so ties that float rounding orders differently are not misses.
    /// `matches`: of the reference's k nearest within `matchDistance` (the
    /// same-person matches), the share the index returned (hits within that
    /// distance, at most as many per query), over all queries together.
    static func recall(
        _ index: some VectorIndex, _ dataset: BenchmarkDataset,
        expected lists: [[(row: Int, distance: Double)]],
        matchDistance: Double?
    ) throws(VectorIndexError) -> (all: Double, matches: Double?) {
        let reference = ReferenceSearch(dataset: dataset, metric: index.metric)
        var total = 0.0
        var matchesFound = 0
        var matchesTotal = 0
        let sample = lists.count
        for (number, expected) in lists.enumerated() {
            let query = dataset.query(number)
            guard let kth = expected.last?.distance else { continue }
            let hits = try index.search(query, k: expected.count, filter: .none)
            let good = hits.filter { reference.distance(from: query, to: Int($0.id)) <= kth + 1e-5 }.count
            total += Double(min(good, expected.count)) / Double(expected.count)
            if let matchDistance {
                let expectedMatches = expected.filter { $0.distance < matchDistance }.count
                let returned = hits.filter { reference.distance(from: query, to: Int($0.id)) < matchDistance }
                matchesTotal += expectedMatches
                matchesFound += min(returned.count, expectedMatches)
            }
        }
        let matches = matchesTotal == 0 ? nil : Double(matchesFound) / Double(matchesTotal)
        return (sample == 0 ? 1 : total / Double(sample), matches)
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
