import VectorIndex

/// Brute-force nearest neighbours in double precision, the yardstick for recall.
/// Deliberately simple and independent of the index's code: no SIMD, no heap
/// tricks, no shared storage.
struct ReferenceSearch {
    let dataset: BenchmarkDataset
    let metric: DistanceMetric

    /// The exact distance under `metric` from a query to gallery row `index`.
    func distance(from query: [Float], to index: Int) -> Double {
        let dimension = dataset.dimension
        return metric.referenceDistance(query, dataset.vectors[index * dimension..<(index + 1) * dimension])
    }

    /// The `k` nearest gallery rows, nearest first, ties by row.
    func nearest(to query: [Float], k: Int) -> [(row: Int, distance: Double)] {
        var best: [(row: Int, distance: Double)] = []
        for row in 0..<dataset.count {
            let distance = distance(from: query, to: row)
            guard best.count < k || distance < best[best.count - 1].distance else { continue }
            let position = best.firstIndex { $0.distance > distance } ?? best.count
            best.insert((row, distance), at: position)
            if best.count > k { best.removeLast() }
        }
        return best
    }
}
