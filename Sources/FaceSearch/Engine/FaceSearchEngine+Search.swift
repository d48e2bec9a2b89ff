import FaceStore
import FaceVision
import VectorIndex

extension FaceSearchEngine {
    /// Finds the faces of a photo and, for each (or only the largest), the most
    /// similar faces of a collection whose score reaches the threshold.
    /// Throws `EngineError.noFace` when the photo holds no face.
    public func search(
        photo bytes: [UInt8], in collectionName: String, options: SearchOptions = SearchOptions()
    )
        async throws -> SearchResult
    {
        let collection = try collection(collectionName)
        let (options, threshold) = try validated(options)
        var cacheKey: SearchCacheKey?
        if searchCache.capacity > 0 {
            // The generation is read before searching: a write that lands meanwhile
            // bumps it, so this result can never be served after that write.
            let generation = generation(of: collectionName)
            let sha256 = try await offPool { FaceStore.sha256(bytes) }
            let key = SearchCacheKey(
                collection: collectionName, generation: generation, photoSHA256: sha256, options: options)
            if let cached = searchCache.value(for: key) { return cached }
            cacheKey = key
        }
        let photo = try await pipeline.analyze(bytes, models: collection.models)
        guard !photo.faces.isEmpty else { throw EngineError.noFace }
        let queries = options.faces == .largest ? Array(photo.faces.prefix(1)) : photo.faces
        var results: [QueryFaceResult] = []
        for face in queries {
            guard let descriptor = face.descriptor else { continue }
            let matches = try await matches(
                for: descriptor.values, in: collection, options: options, threshold: threshold, excluding: [])
            results.append(
                QueryFaceResult(
                    box: face.box, confidence: face.confidence, landmarks: face.landmarks, matches: matches))
        }
        let result = SearchResult(collection: collectionName, threshold: threshold, faces: results)
        if let cacheKey { searchCache.store(result, for: cacheKey) }
        return result
    }

    /// The faces most similar to a face already in the collection (itself excluded).
    public func search(faceID: Int64, in collectionName: String, options: SearchOptions = SearchOptions())
        async throws -> SearchResult
    {
        let collection = try collection(collectionName)
        let (options, threshold) = try validated(options)
        guard let face = try await store.face(id: faceID), face.collectionID == collection.record.id else {
            throw EngineError.faceNotFound(faceID)
        }
        let matches = try await matches(
            for: face.descriptor, in: collection, options: options, threshold: threshold, excluding: [faceID])
        let query = QueryFaceResult(
            box: FaceBox(left: face.left, top: face.top, right: face.right, bottom: face.bottom),
            confidence: face.confidence, landmarks: face.landmarks.map { Point(x: $0[0], y: $0[1]) },
            matches: matches)
        return SearchResult(collection: collectionName, threshold: threshold, faces: [query])
    }

    /// Compares the largest faces of two photos with `models` (the pipeline's
    /// configured ones by default).
    public func compare(
        _ first: [UInt8], _ second: [UInt8], threshold: Double? = nil, models: ModelChoice? = nil
    ) async throws -> Comparison {
        let threshold = threshold ?? Self.defaultThreshold
        guard (0...1).contains(threshold) else {
            throw EngineError.invalidArgument("threshold must be 0 to 1")
        }
        let models = try usable(models ?? pipeline.configuration.models)
        async let a = pipeline.analyze(first, models: models)
        async let b = pipeline.analyze(second, models: models)
        let (photoA, photoB) = try await (a, b)
        guard let faceA = photoA.largestFace, let faceB = photoB.largestFace,
            let descriptorA = faceA.descriptor, let descriptorB = faceB.descriptor
        else { throw EngineError.noFace }
        let embedder = models.embedder
        let distance = embedder.distance(descriptorA, descriptorB)
        let score = SimilarityScore.score(distance: distance, metric: embedder.metric, embedder: embedder)
        return Comparison(
            distance: distance, score: score, samePerson: score >= threshold, threshold: threshold,
            first: faceA.box, second: faceB.box, embedder: embedder)
    }

    /// The options with their label in NFC, checked the way the store checks
    /// a filter (``FaceFilter/normalized()``), and the threshold to apply.
    private func validated(_ options: SearchOptions) throws -> (SearchOptions, threshold: Double) {
        guard (1...SearchOptions.maxTopK).contains(options.topK) else {
            throw EngineError.invalidArgument(
                "top_k must be 1 to \(SearchOptions.maxTopK), not \(options.topK)")
        }
        let threshold = options.threshold ?? Self.defaultThreshold
        guard (0...1).contains(threshold) else {
            throw EngineError.invalidArgument("threshold must be a score from 0 to 1, not \(threshold)")
        }
        var options = options
        options.label = try FaceFilter(label: options.label, metadata: options.metadata).normalized().label
        return (options, threshold)
    }

    private func matches(
        for descriptor: [Float], in collection: LoadedCollection, options: SearchOptions, threshold: Double,
        excluding excluded: Set<Int64>
    ) async throws -> [FaceMatch] {
        let filter = IndexFilter(
            label: options.label, metadata: options.metadata.compactMapValues(\.scalarText),
            excludedIDs: excluded)
        let index = collection.index
        let k = options.topK
        let hits = try await offPool { try index.search(descriptor, k: k, filter: filter) }
        let metric = collection.metric
        let embedder = collection.models.embedder
        let passing = hits.filter {
            SimilarityScore.score(distance: Double($0.distance), metric: metric, embedder: embedder)
                >= threshold
        }
        let faces = Dictionary(
            uniqueKeysWithValues: try await store.faces(ids: passing.map(\.id)).map { ($0.id, $0) })
        return passing.compactMap { hit in
            // A face deleted between the scan and this read is simply left out.
            guard let face = faces[hit.id] else { return nil }
            let distance = Double(hit.distance)
            return FaceMatch(
                faceID: face.id,
                score: SimilarityScore.score(distance: distance, metric: metric, embedder: embedder),
                distance: distance,
                label: face.label, externalID: face.externalID, metadata: face.metadata,
                imageID: face.imageID,
                box: FaceBox(left: face.left, top: face.top, right: face.right, bottom: face.bottom))
        }
    }
}
