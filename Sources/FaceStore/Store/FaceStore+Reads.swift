import GRDB

extension FaceStore {
    /// The image of a collection with these bytes, or nil.
    public func image(collectionID: Int64, sha256: String) async throws -> StoredImage? {
        try await read { db in
            try ImageRow.filter(
                ImageRow.Columns.collectionID == collectionID && ImageRow.Columns.sha256 == sha256
            )
            .fetchOne(db)?.stored()
        }
    }

    /// The image with this id, or nil.
    public func image(id: Int64) async throws -> StoredImage? {
        try await read { db in try ImageRow.fetchOne(db, key: id)?.stored() }
    }

    /// The face with this id, or nil.
    public func face(id: Int64) async throws -> StoredFace? {
        try await read { db in try FaceRow.fetchOne(db, key: id)?.stored() }
    }

    /// The faces with these ids, in the order of `ids`; missing ids are skipped
    /// (a repeated id gives its face twice).
    public func faces(ids: [Int64]) async throws -> [StoredFace] {
        let found = try await read { db in
            var found: [Int64: StoredFace] = [:]
            for chunk in Self.chunks(of: Array(Set(ids))) {
                for row in try FaceRow.fetchAll(db, keys: chunk) {
                    let face = try row.stored()
                    found[face.id] = face
                }
            }
            return found
        }
        return ids.compactMap { found[$0] }
    }

    /// A page of a collection's faces that match `filter`, by ascending id,
    /// starting after `afterID` (keyset pagination: pass the last id of a
    /// page to get the next). Throws ``FaceStoreError/invalidFilterKey(_:)``.
    public func faces(collectionID: Int64, filter: FaceFilter, limit: Int, afterID: Int64?) async throws
        -> [StoredFace]
    {
        guard limit > 0 else { return [] }
        var request = try filter.request(collectionID: collectionID)
        if let afterID { request = request.filter(FaceRow.Columns.id > afterID) }
        let page = request.order(FaceRow.Columns.id).limit(limit)
        return try await read { db in
            try page.fetchAll(db).map { row throws(FaceStoreError) in try row.stored() }
        }
    }

    /// How many faces of a collection match `filter`.
    public func countFaces(collectionID: Int64, filter: FaceFilter) async throws -> Int {
        let request = try filter.request(collectionID: collectionID)
        return try await read { db in try request.fetchCount(db) }
    }

    /// A page of a collection's labels with their face counts, by label.
    public func labels(collectionID: Int64, limit: Int, offset: Int) async throws
        -> [(label: String, faces: Int)]
    {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT label, COUNT(*) FROM faces
                    WHERE collection_id = ? AND label IS NOT NULL
                    GROUP BY label ORDER BY label LIMIT ? OFFSET ?
                    """,
                arguments: [collectionID, max(limit, 0), max(offset, 0)]
            ).map { row in (label: row[0], faces: row[1]) }
        }
    }

    /// `ids` in chunks small enough for SQLite's limit on bound parameters.
    static func chunks(of ids: [Int64]) -> [ArraySlice<Int64>] {
        stride(from: 0, to: ids.count, by: 500).map { ids[$0..<min($0 + 500, ids.count)] }
    }
}
