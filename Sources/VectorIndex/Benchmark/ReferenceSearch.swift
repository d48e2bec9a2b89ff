/// Brute-force nearest neighbours in double precision, the yardstick for recall.
/// Deliberately simple and independent of the index's code: no SIMD, no heap
/// tricks, no shared storage.
struct ReferenceSearch {
    let dataset: BenchmarkDataset
    let metric: DistanceMetric

    /// The exact distance under `metric` from a query to gallery row `index`.
    func distance(from query: [Float], to index: Int) -> Double {
        let dimension = dataset.dimension
        var dot = 0.0
        var queryNorm = 0.0
        var rowNorm = 0.0
        var squares = 0.0
        for position in 0..<dimension {
            let q = Double(query[position])
            let r = Double(dataset.vectors[index * dimension + position])
            dot += q * r
            queryNorm += q * q
            rowNorm += r * r
            squares += (q - r) * (q - r)
        }
        switch metric {
        case .euclidean: return squares.squareRoot()
        case .cosine: return 1 - dot / (queryNorm.squareRoot() * rowNorm.squareRoot())
        }
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
