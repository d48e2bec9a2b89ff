import Foundation
import GRDB

extension FaceStore {
    /// How many faces ``forEachDescriptor(collectionID:_:)`` reads per batch:
    /// about 2 MB of 128-D descriptors.
    static let descriptorBatchSize = 4096

    /// Calls `body` with every face of a collection (id, descriptor, label,
    /// metadata), by ascending id: the input for rebuilding the vector index.
    /// `body` runs in the caller's isolation, between batches' reads, so it
    /// may mutate the caller's state. See ``forEachDescriptorBatch(collectionID:_:)``.
    nonisolated(nonsending) public func forEachDescriptor(
        collectionID: Int64, _ body: (Int64, [Float], String?, [String: JSONValue]?) throws -> Void
    ) async throws {
        try await forEachDescriptorBatch(collectionID: collectionID) { batch in
            for face in batch { try body(face.id, face.descriptor, face.label, face.metadata) }
        }
    }

    /// Calls `body` with every face of a collection as the vector index needs
    /// it, in batches of ``descriptorBatchSize`` faces by ascending id.
    ///
    /// Faces are read with a cursor, by keyset on the id, so a million faces
    /// never sit in memory at once; `body` may await (to hand a batch to a
    /// thread of its own) before the next batch is read. Each batch is its own
    /// snapshot: a face inserted or deleted while the stream runs may or may
    /// not be seen (rebuild before accepting writes, or compare with
    /// ``faceIDs(collectionID:)``).
    nonisolated(nonsending) public func forEachDescriptorBatch(
        collectionID: Int64, _ body: ([IndexedFace]) async throws -> Void
    ) async throws {
        var afterID: Int64 = 0
        while true {
            let batch = try await descriptorBatch(collectionID: collectionID, afterID: afterID)
            if !batch.isEmpty { try await body(batch) }
            guard batch.count == Self.descriptorBatchSize, let last = batch.last else { return }
            afterID = last.id
        }
    }

    /// The ids of a collection's faces, ascending.
    public func faceIDs(collectionID: Int64) async throws -> [Int64] {
        try await read { db in
            try Int64.fetchAll(
                db, sql: "SELECT id FROM faces WHERE collection_id = ? ORDER BY id", arguments: [collectionID]
            )
        }
    }

    /// One face as the vector index needs it.
    public struct IndexedFace: Sendable {
        /// The face's id.
        public let id: Int64
        /// Its descriptor.
        public let descriptor: [Float]
        /// Its label, if any.
        public let label: String?
        /// Its metadata, if any.
        public let metadata: [String: JSONValue]?
    }

    private func descriptorBatch(collectionID: Int64, afterID: Int64) async throws -> [IndexedFace] {
        try await read { db in
            let cursor = try Row.fetchCursor(
                db,
                sql: """
                    SELECT id, descriptor, label, metadata FROM faces
                    WHERE collection_id = ? AND id > ? ORDER BY id LIMIT ?
                    """,
                arguments: [collectionID, afterID, Self.descriptorBatchSize])
            var batch: [IndexedFace] = []
            batch.reserveCapacity(Self.descriptorBatchSize)
            while let row = try cursor.next() {
                let id: Int64 = try row.decode(atIndex: 0)
                let metadata: String? = try row.decode(atIndex: 3)
                batch.append(
                    IndexedFace(
                        id: id,
                        descriptor: try DescriptorCoding.values(try row.decode(atIndex: 1), faceID: id),
                        label: try row.decode(atIndex: 2),
                        metadata: try metadata.map { text throws(FaceStoreError) in
                            try JSONValue.object(fromText: text, in: "face \(id)")
                        }))
            }
            return batch
        }
    }
}
