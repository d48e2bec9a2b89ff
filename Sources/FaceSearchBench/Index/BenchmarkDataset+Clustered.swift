import VectorIndex

extension BenchmarkDataset {
    /// Faces per identity on average in clustered data.
    public static let facesPerIdentity = 8

    /// Face-shaped vectors, built to match dlib's descriptor statistics: distances
    /// between two faces of one person mostly 0.3-0.6, of different people
    /// mostly 0.8-1.2, without normalising (dlib's descriptors are not unit
    /// vectors and the service compares them with L2).
    ///
    /// There are `count / 8` identities. Each has a centre: a random direction
    /// times a radius drawn from 0.5-0.75. Each face (gallery or query) picks an
    /// identity at random and adds Gaussian noise to its centre, with a total
    /// length drawn per face from 0.22-0.42 (per value: that over the square
    /// root of the dimension), as photos differ in how sharp and frontal they
    /// are. Two faces of one person are then sqrt(s1² + s2²) apart, 0.31-0.59;
    /// two people about sqrt(r1² + r2² + s1² + s2²), 0.84-1.14. Queries are new
    /// faces of gallery identities, as when a known person is photographed again.
    public static func clusteredFaces(count: Int, queries: Int, dimension: Int, seed: UInt64)
        -> BenchmarkDataset
    {
        var generator = SeededGenerator(seed: seed)
        let identityCount = max(1, count / facesPerIdentity)
        var centres: [Float] = []
        centres.reserveCapacity(identityCount * dimension)
        for _ in 0..<identityCount {
            let radius = Double.random(in: 0.5..<0.75, using: &generator)
            centres.append(
                contentsOf: generator.nextUnitVector(dimension: dimension).map { Float($0 * radius) })
        }
        var identities: [Int32] = []
        identities.reserveCapacity(count + queries)
        func draw(_ number: Int) -> [Float] {
            var values: [Float] = []
            values.reserveCapacity(number * dimension)
            for _ in 0..<number {
                let identity = Int.random(in: 0..<identityCount, using: &generator)
                let sigma = Double.random(in: 0.22..<0.42, using: &generator) / Double(dimension).squareRoot()
                identities.append(Int32(identity))
                for position in 0..<dimension {
                    let noise = Float(sigma * generator.nextGaussian())
                    values.append(centres[identity * dimension + position] + noise)
                }
            }
            return values
        }
        let gallery = draw(count)
        let queryVectors = draw(queries)
        return BenchmarkDataset(
            kind: .clustered, dimension: dimension, vectors: gallery, queries: queryVectors,
            identities: identities)
    }

    /// L2 distances between random pairs of gallery vectors of the same identity
    /// and of different identities (clustered data only; empty otherwise).
    public func identityDistances(pairs: Int, seed: UInt64) -> (same: [Float], different: [Float]) {
        guard kind == .clustered, count > 1 else { return ([], []) }
        var generator = SeededGenerator(seed: seed)
        var byIdentity: [Int32: [Int]] = [:]
        for index in 0..<count { byIdentity[identities[index], default: []].append(index) }
        let groups = byIdentity.values.filter { $0.count > 1 }
        func distance(_ a: Int, _ b: Int) -> Float {
            var sum: Float = 0
            for position in 0..<dimension {
                let difference = vectors[a * dimension + position] - vectors[b * dimension + position]
                sum += difference * difference
            }
            return sum.squareRoot()
        }
        var same: [Float] = []
        var different: [Float] = []
        for _ in 0..<pairs {
            if let group = groups.randomElement(using: &generator) {
                let pair = group.shuffled(using: &generator).prefix(2)
                same.append(distance(pair.first!, pair.last!))
            }
            let a = Int.random(in: 0..<count, using: &generator)
            let b = Int.random(in: 0..<count, using: &generator)
            if identities[a] != identities[b] { different.append(distance(a, b)) }
        }
        return (same.sorted(), different.sorted())
    }
}
