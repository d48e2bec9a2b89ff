extension DistanceMetric {
    /// `vector` as an index of this metric stores it, after the checks every
    /// index makes: `dimension` finite values, and for cosine a nonzero
    /// vector, scaled to unit length. For indexes kept outside this module
    /// (Milvus), so that every implementation refuses and stores alike.
    package func prepared(_ vector: [Float], dimension: Int) throws(VectorIndexError) -> [Float] {
        let scale = try VectorPreparation.scale(of: vector, dimension: dimension, metric: self)
        return scale == 1 ? vector : vector.map { $0 * scale }
    }
}
