/// k-means clustering (Lloyd's iterations after k-means++ seeding) with a
/// fixed-seed generator, so the same vectors always get the same clusters.
public struct KMeans: Sendable, Equatable {
    /// The cluster of each vector, in input order, from 0 to `centroids.count - 1`.
    public let assignments: [Int]
    /// The cluster centres.
    public let centroids: [[Float]]
    /// The sum of squared distances from each vector to its centre.
    public let inertia: Double
    /// The Lloyd iterations run before the assignments stopped changing (or the cap).
    public let iterations: Int

    /// Clusters `vectors` (all of one length) into `k` groups; `k` is lowered
    /// to the number of vectors. No vectors give no clusters.
    public init(of vectors: [[Float]], k: Int, seed: UInt64 = 0x5EED, maxIterations: Int = 100) {
        let k = min(max(k, 1), vectors.count)
        guard k > 0 else {
            self.assignments = []
            self.centroids = []
            self.inertia = 0
            self.iterations = 0
            return
        }
        var generator = SplitMix64(seed: seed)
        var centroids = Self.seeds(vectors, k: k, generator: &generator)
        var assignments = [Int](repeating: -1, count: vectors.count)
        var iterations = 0
        while iterations < maxIterations {
            iterations += 1
            var changed = false
            for (index, vector) in vectors.enumerated() {
                let nearest = Self.nearest(vector, centroids).index
                if nearest != assignments[index] {
                    assignments[index] = nearest
                    changed = true
                }
            }
            guard changed else { break }
            centroids = Self.centres(vectors, assignments, previous: centroids)
        }
        self.assignments = assignments
        self.centroids = centroids
        self.inertia = zip(vectors, assignments).reduce(0.0) {
            $0 + Self.squaredDistance($1.0, centroids[$1.1])
        }
        self.iterations = iterations
    }

    /// k-means++: the first centre uniformly, each next one with probability
    /// proportional to the squared distance to the nearest centre so far.
    private static func seeds(_ vectors: [[Float]], k: Int, generator: inout SplitMix64) -> [[Float]] {
        var centroids = [vectors[Int(generator.next() % UInt64(vectors.count))]]
        var distances = vectors.map { squaredDistance($0, centroids[0]) }
        while centroids.count < k {
            let total = distances.reduce(0, +)
            var chosen = 0
            if total > 0 {
                var target = generator.nextUnit() * total
                for (index, distance) in distances.enumerated() {
                    target -= distance
                    chosen = index
                    if target < 0 { break }
                }
            } else {
                // Every vector sits on a centre already: any other point will do.
                chosen = centroids.count % vectors.count
            }
            centroids.append(vectors[chosen])
            for index in vectors.indices {
                distances[index] = min(distances[index], squaredDistance(vectors[index], vectors[chosen]))
            }
        }
        return centroids
    }

    /// The mean of each cluster; a cluster left empty keeps its previous centre.
    private static func centres(_ vectors: [[Float]], _ assignments: [Int], previous: [[Float]]) -> [[Float]]
    {
        let dimension = vectors[0].count
        var sums = [[Double]](repeating: [Double](repeating: 0, count: dimension), count: previous.count)
        var counts = [Int](repeating: 0, count: previous.count)
        for (vector, cluster) in zip(vectors, assignments) {
            counts[cluster] += 1
            for index in 0..<dimension { sums[cluster][index] += Double(vector[index]) }
        }
        return previous.indices.map { cluster in
            guard counts[cluster] > 0 else { return previous[cluster] }
            return sums[cluster].map { Float($0 / Double(counts[cluster])) }
        }
    }

    /// The nearest centre to `vector` (the lowest index on ties).
    static func nearest(_ vector: [Float], _ centroids: [[Float]]) -> (index: Int, distance: Double) {
        var best = (index: 0, distance: Double.infinity)
        for (index, centre) in centroids.enumerated() {
            let distance = squaredDistance(vector, centre)
            if distance < best.distance { best = (index, distance) }
        }
        return best
    }

    static func squaredDistance(_ a: [Float], _ b: [Float]) -> Double {
        var sum: Float = 0
        for index in 0..<min(a.count, b.count) {
            let difference = a[index] - b[index]
            sum += difference * difference
        }
        return Double(sum)
    }
}

/// A small, fast, seedable generator (Steele, Lea and Flood's SplitMix64):
/// the same seed gives the same sequence on every platform.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }

    /// A uniform number in [0, 1).
    mutating func nextUnit() -> Double {
        Double(next() >> 11) / Double(1 << 53)
    }
}
