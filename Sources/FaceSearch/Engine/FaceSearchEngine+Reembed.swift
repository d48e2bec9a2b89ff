import FaceStore
import FaceVision
import Foundation

/// What a re-embed did.
public struct ReembedReport: Sendable, Hashable, Codable {
    /// The collection.
    public var collection: String
    /// The models it was analysed with before, as "detector/embedder".
    public var from: String
    /// The models it is analysed with now.
    public var to: String
    /// Photos of the collection.
    public var photos: Int
    /// Photos analysed in this run (the others were done by an interrupted run).
    public var analysedNow: Int
    /// Faces stored with the new models.
    public var faces: Int
    /// Faces of the old collection the new models did not find again: the
    /// old count less the new (their photos are kept).
    public var facesNotFoundAgain: Int

    private enum CodingKeys: String, CodingKey {
        case collection, from, to, photos, faces
        case analysedNow = "analysed_now"
        case facesNotFoundAgain = "faces_not_found_again"
    }
}

/// Progress of a re-embed: photos done of the total.
public struct ReembedProgress: Sendable {
    /// Photos with new descriptors so far (an interrupted run's included).
    public var done: Int
    /// Photos of the collection.
    public var total: Int
}

extension FaceSearchEngine {
    /// The reserved name of the collection a re-embed of the collection with
    /// store id `id` builds: `__reembed_<id>`. Names beginning with `__` are
    /// reserved; such collections are never listed, searched or written to.
    static func stagingName(forCollectionID id: Int64) -> String { "__reembed_\(id)" }

    /// Whether `name` is reserved for the engine's own collections.
    static func isReserved(_ name: String) -> Bool { name.hasPrefix("__") }

    /// Recomputes every face of a collection from its stored original photos
    /// with other models, then gives the collection those models.
    ///
    /// The new descriptors go to a hidden staging collection; the collection
    /// keeps answering searches with its old descriptors until every photo is
    /// done, then one store transaction puts the new collection in its place
    /// and the index is swapped. Writes to the collection are refused
    /// (`reembedInProgress`) from the start until the swap, also across a
    /// crash: a staging collection found at open marks its collection as being
    /// re-embedded. Running it again resumes: photos already in the staging
    /// collection are skipped. Faces keep their label, external id and
    /// metadata, carried from the old face whose box overlaps the new one best
    /// (intersection over union at least 0.3); a new face no old face overlaps
    /// is not stored (the collection had not kept it), and an old face no new
    /// face overlaps is counted in `facesNotFoundAgain`.
    public func reembed(
        _ name: String, to models: ModelChoice,
        progress: @escaping @Sendable (ReembedProgress) -> Void = { _ in }
    ) async throws -> ReembedReport {
        let source = try collection(name)
        let models = try usable(models)
        let stagingName = Self.stagingName(forCollectionID: source.record.id)
        let counts = try await store.counts(collectionID: source.record.id)
        guard models != source.models else {
            // Done already (a run killed after its swap, run again): nothing to do.
            return ReembedReport(
                collection: name, from: models.text, to: models.text, photos: counts.images, analysedNow: 0,
                faces: counts.faces, facesNotFoundAgain: 0)
        }
        reembedding.withLock { _ = $0.insert(name) }
        let staging = try await stagingCollection(
            stagingName, models: models, vectorIndex: source.record.vectorIndex)
        var report = ReembedReport(
            collection: name, from: source.models.text, to: models.text, photos: counts.images,
            analysedNow: 0,
            faces: 0, facesNotFoundAgain: 0)
        var done = try await store.counts(collectionID: staging.id).images
        progress(ReembedProgress(done: done, total: counts.images))
        // The photos an interrupted run stored already, read once.
        let alreadyDone = try await store.imageDigests(collectionID: staging.id)
        var after: Int64?
        while true {
            try Task.checkCancellation()
            let page = try await store.images(collectionID: source.record.id, afterID: after, limit: 64)
            guard let last = page.last else { break }
            after = last.id
            let pending = page.filter { !alreadyDone.contains($0.sha256) }
            // A few photos in flight keep every inference worker busy.
            let inFlight = max(2, pipeline.workerCount * 2)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (index, image) in pending.enumerated() {
                    if index >= inFlight { try await group.next() }
                    group.addTask { try await self.reembed(image, into: staging, models: models) }
                }
                try await group.waitForAll()
            }
            done += pending.count
            report.analysedNow += pending.count
            progress(ReembedProgress(done: done, total: counts.images))
        }
        try await swap(name, with: stagingName, models: models)
        report.faces = try await store.counts(collectionID: staging.id).faces
        report.facesNotFoundAgain = max(0, counts.faces - report.faces)
        logger.info(
            "collection re-embedded",
            metadata: [
                "collection": "\(name)", "from": "\(report.from)", "to": "\(report.to)",
                "photos": "\(counts.images)", "faces": "\(report.faces)",
            ])
        return report
    }

    /// Drops an interrupted re-embed of a collection: its staging collection
    /// and the refusal of writes. Returns whether there was one.
    public func cancelReembed(_ name: String) async throws -> Bool {
        let source = try collection(name)
        let stagingName = Self.stagingName(forCollectionID: source.record.id)
        var dropped = false
        if try await store.collection(named: stagingName) != nil {
            _ = try await store.deleteCollection(named: stagingName)
            dropped = true
        }
        reembedding.withLock { _ = $0.remove(name) }
        return dropped
    }

    /// Throws `reembedInProgress` while the collection is being re-embedded.
    func checkWritable(_ name: String) throws(EngineError) {
        if reembedding.withLock({ $0.contains(name) }) { throw .reembedInProgress(name) }
    }

    /// The staging collection, created for `models`, or the one an
    /// interrupted run left when it was for the same models (else dropped).
    private func stagingCollection(_ name: String, models: ModelChoice, vectorIndex: String?) async throws
        -> CollectionRecord
    {
        if let existing = try await store.collection(named: name) {
            if existing.modelID == models.embedder.modelID && existing.detector == models.detector.rawValue {
                return existing
            }
            _ = try await store.deleteCollection(named: name)
        }
        return try await store.createCollection(
            name: name, metric: models.embedder.metric.rawValue, modelID: models.embedder.modelID,
            detector: models.detector.rawValue, vectorIndex: vectorIndex, dimension: FaceDescriptor.length)
    }

    /// Analyses one stored photo with `models` and stores it with the faces
    /// that match its old ones.
    private func reembed(_ image: StoredImage, into staging: CollectionRecord, models: ModelChoice)
        async throws
    {
        let bytes = try await storedBytes(of: image)
        let old = try await store.faces(imageID: image.id)
        let photo = try await pipeline.analyze(bytes, models: models)
        let pairs = FaceMatching.pairs(old: old.map(\.box), new: photo.faces.map(\.box))
        let faces = pairs.map { oldIndex, newIndex in
            let face = photo.faces[newIndex]
            let previous = old[oldIndex]
            return NewFace(
                left: face.box.left, top: face.box.top, right: face.box.right, bottom: face.box.bottom,
                landmarks: face.landmarks.map { [$0.x, $0.y] }, confidence: face.confidence,
                quality: FaceQuality.of(face), descriptor: face.descriptor?.values ?? [],
                label: previous.label, externalID: previous.externalID, metadata: previous.metadata)
        }
        let copy = NewImage(
            bytes: bytes, sha256: image.sha256, width: image.width, height: image.height,
            format: image.format,
            externalID: image.externalID, metadata: image.metadata)
        do {
            _ = try await store.insert(copy, faces: faces, collectionID: staging.id)
        } catch FaceStoreError.duplicateImage {
            // Two photos of the collection with the same bytes cannot exist; a
            // concurrent run of the same re-embed stored it first: done either way.
        }
    }

    /// Puts the staging collection in the place of `name` and loads it.
    private func swap(_ name: String, with stagingName: String, models: ModelChoice) async throws {
        let oldID = try collection(name).record.id
        _ = try await store.replaceCollection(named: name, with: stagingName)
        try store.removeIndexFiles(collectionID: oldID)
        await dropVectors(ofCollectionID: oldID)
        guard let record = try await store.collection(named: name) else {
            throw EngineError.inconsistent("collection \(name) vanished in its re-embed")
        }
        let rebuilt = try await Self.loadCollection(record, models: models, in: place)
        loaded.withLock { $0[name] = rebuilt }
        reembedding.withLock { _ = $0.remove(name) }
        recordWrite(to: name)
    }

    /// The bytes of a stored original, read off the cooperative pool.
    func storedBytes(of image: StoredImage) async throws -> [UInt8] {
        let url = store.fileURL(of: image)
        return try await offPool {
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw FaceStoreError.io("read \(url.path): the stored photo is missing")
            }
            return [UInt8](data)
        }
    }
}

extension StoredFace {
    /// The face's box.
    var box: FaceBox { FaceBox(left: left, top: top, right: right, bottom: bottom) }
}

/// Pairs the faces of one photo found by two pipelines by box overlap.
enum FaceMatching {
    /// The least intersection over union for two boxes to be one face.
    static let minimumOverlap = 0.3

    /// Pairs (old index, new index), greedily by decreasing overlap, each face
    /// in at most one pair, only pairs overlapping at least `minimumOverlap`.
    static func pairs(old: [FaceBox], new: [FaceBox]) -> [(Int, Int)] {
        var candidates: [(overlap: Double, old: Int, new: Int)] = []
        for (i, a) in old.enumerated() {
            for (j, b) in new.enumerated() {
                let overlap = intersectionOverUnion(a, b)
                if overlap >= minimumOverlap { candidates.append((overlap, i, j)) }
            }
        }
        var usedOld = Set<Int>()
        var usedNew = Set<Int>()
        var pairs: [(Int, Int)] = []
        for candidate in candidates.sorted(by: { $0.overlap > $1.overlap })
        where !usedOld.contains(candidate.old) && !usedNew.contains(candidate.new) {
            usedOld.insert(candidate.old)
            usedNew.insert(candidate.new)
            pairs.append((candidate.old, candidate.new))
        }
        return pairs.sorted { $0.0 < $1.0 }
    }

    /// Intersection over union of two inclusive pixel boxes.
    static func intersectionOverUnion(_ a: FaceBox, _ b: FaceBox) -> Double {
        let width = min(a.right, b.right) - max(a.left, b.left) + 1
        let height = min(a.bottom, b.bottom) - max(a.top, b.top) + 1
        guard width > 0, height > 0 else { return 0 }
        let intersection = Double(width * height)
        return intersection / (Double(a.area) + Double(b.area) - intersection)
    }
}
