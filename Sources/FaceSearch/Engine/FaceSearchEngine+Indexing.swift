import FaceStore
import FaceVision
import VectorIndex

extension FaceSearchEngine {
    /// Finds the faces of a photo and stores the photo and the chosen faces in
    /// a collection. The same bytes indexed twice into one collection are stored
    /// once: the second call changes nothing and says `alreadyStored`.
    /// Throws `EngineError.noFace` when the photo holds no face.
    public func index(
        photo bytes: [UInt8], into collectionName: String, options: IndexOptions = IndexOptions()
    )
        async throws -> IndexResult
    {
        let collection = try collection(collectionName)
        try checkWritable(collectionName)
        if let maxFaces = options.maxFaces, maxFaces < 1 {
            throw EngineError.invalidArgument("max_faces must be at least 1")
        }
        // Checked before the already-stored answer, so a bad label is refused
        // whether or not these bytes are new (the store checks it again).
        _ = try FaceText.normalized(ifPresent: options.label, as: .label)
        _ = try FaceText.normalized(ifPresent: options.externalID, as: .externalID)
        // Hashing a large photo takes milliseconds: not on the cooperative pool.
        let sha256 = try await offPool { FaceStore.sha256(bytes) }
        if let existing = try await existingResult(sha256: sha256, collection: collection) { return existing }

        let photo = try await pipeline.analyze(bytes, models: collection.models)
        guard !photo.faces.isEmpty else { throw EngineError.noFace }
        let (kept, skipped) = select(photo.faces, options: options)
        let image = NewImage(
            bytes: bytes, sha256: sha256, width: photo.width, height: photo.height,
            format: ImageFormat(detecting: bytes)?.rawValue ?? "jpeg", externalID: options.externalID,
            metadata: options.metadata)
        let faces = kept.map { face in
            NewFace(
                left: face.box.left, top: face.box.top, right: face.box.right, bottom: face.box.bottom,
                landmarks: face.landmarks.map { [$0.x, $0.y] }, confidence: face.confidence,
                quality: FaceQuality.of(face), descriptor: face.descriptor?.values ?? [],
                label: options.label, externalID: options.externalID, metadata: options.metadata)
        }
        let stored: (StoredImage, [StoredFace])
        do {
            stored = try await store.insert(image, faces: faces, collectionID: collection.record.id)
        } catch FaceStoreError.duplicateImage {
            // Another call stored the same bytes between our check and our insert.
            if let existing = try await existingResult(sha256: sha256, collection: collection) {
                return existing
            }
            throw EngineError.inconsistent("a duplicate image vanished")
        }
        recordWrite(to: collectionName)
        let entries = stored.1.map {
            IndexEntry(id: $0.id, vector: $0.descriptor, attributes: indexAttributes($0.label, $0.metadata))
        }
        do {
            // The store has just given these ids out: no index holds them.
            try await writingIndex(of: collection) { index in try index.addNew(entries) }
        } catch {
            // Not acknowledged, so not kept: the photo and its faces leave the
            // store again. Should that fail too, the repair adds them to the index.
            _ = try? await store.deleteFaces(ids: stored.1.map(\.id))
            recordWrite(to: collectionName)
            throw error
        }
        return IndexResult(image: stored.0, faces: stored.1, skipped: skipped, alreadyStored: false)
    }

    /// The faces to store and the ones to skip, largest first.
    func select(_ faces: [Face], options: IndexOptions) -> (kept: [Face], skipped: [SkippedFace]) {
        var limit = options.faces == .largest ? 1 : faces.count
        if let maxFaces = options.maxFaces { limit = min(limit, maxFaces) }
        let reason: SkipReason = options.faces == .largest ? .notLargest : .overMaxFaces
        let skipped = faces.dropFirst(limit).map {
            SkippedFace(box: $0.box, confidence: $0.confidence, reason: reason)
        }
        return (Array(faces.prefix(limit)), skipped)
    }

    private func existingResult(sha256: String, collection: LoadedCollection) async throws -> IndexResult? {
        guard let image = try await store.image(collectionID: collection.record.id, sha256: sha256) else {
            return nil
        }
        var filter = FaceFilter()
        filter.imageID = image.id
        let faces = try await store.faces(
            collectionID: collection.record.id, filter: filter, limit: 10_000, afterID: nil)
        return IndexResult(image: image, faces: faces, skipped: [], alreadyStored: true)
    }
}
