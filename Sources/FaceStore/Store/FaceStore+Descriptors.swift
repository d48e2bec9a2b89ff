import Foundation
import GRDB

extension FaceStore {
    /// How many faces ``forEachDescriptor(collectionID:_:)`` reads per batch:
    /// about 2 MB of 128-D descriptors.
    static let descriptorBatchSize = 4096

    /// Calls `body` with every face of a collection (id, descriptor, label,
    /// metadata), by ascending id: the input for rebuilding the vector index.
    ///
    /// Faces are read in batches of ``descriptorBatchSize`` with a cursor,
    /// by keyset on the id, so a million faces never sit in memory at once.
    /// `body` runs in the caller's isolation, between batches' reads, so it
    /// may mutate the caller's state. Each batch is its own snapshot: a face
    /// inserted or deleted while the stream runs may or may not be seen
    /// (rebuild before accepting writes, or compare with ``faceIDs(collectionID:)``).
    nonisolated(nonsending) public func forEachDescriptor(
        collectionID: Int64, _ body: (Int64, [Float], String?, [String: JSONValue]?) throws -> Void
    ) async throws {
        var afterID: Int64 = 0
        while true {
            let batch = try await descriptorBatch(collectionID: collectionID, afterID: afterID)
            for face in batch {
                try body(face.id, face.descriptor, face.label, face.metadata)
            }
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
    private struct IndexedFace: Sendable {
        let id: Int64
        let descriptor: [Float]
        let label: String?
        let metadata: [String: JSONValue]?
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
