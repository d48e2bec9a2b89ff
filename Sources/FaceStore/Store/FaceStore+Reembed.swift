import GRDB

extension FaceStore {
    /// A page of a collection's images by ascending id, after `afterID`.
    public func images(collectionID: Int64, afterID: Int64?, limit: Int) async throws -> [StoredImage] {
        guard limit > 0 else { return [] }
        return try await read { db in
            var request = ImageRow.filter(ImageRow.Columns.collectionID == collectionID)
            if let afterID { request = request.filter(Column("id") > afterID) }
            return try request.order(Column("id")).limit(limit).fetchAll(db).map {
                row throws(FaceStoreError) in try row.stored()
            }
        }
    }

    /// The faces of one image, by id.
    public func faces(imageID: Int64) async throws -> [StoredFace] {
        try await read { db in
            try FaceRow.filter(FaceRow.Columns.imageID == imageID).order(FaceRow.Columns.id).fetchAll(db).map
            {
                row throws(FaceStoreError) in try row.stored()
            }
        }
    }

    /// The sha256 of every image of a collection.
    public func imageDigests(collectionID: Int64) async throws -> Set<String> {
        try await read { db in
            Set(
                try String.fetchAll(
                    db, sql: "SELECT sha256 FROM images WHERE collection_id = ?", arguments: [collectionID]))
        }
    }

    /// Replaces the collection named `name` by the one named `replacement`, in
    /// one transaction: `name`'s images and faces are deleted and
    /// `replacement` takes its name, keeping its own rows, model and detector.
    /// A crash leaves either both collections as they were or the replacement
    /// under the name; stored files no image refers to any more are removed
    /// after the commit (or swept at the next open). Throws
    /// ``FaceStoreError/collectionNotFound(_:)`` for either name.
    public func replaceCollection(named name: String, with replacement: String) async throws -> DeletionResult
    {
        let (ids, filesRemoved) = try await writeThenRemoveFiles { db in
            guard let old = try CollectionRow.filter(CollectionRow.Columns.name == name).fetchOne(db),
                let oldID = old.id
            else { throw FaceStoreError.collectionNotFound(name) }
            guard var new = try CollectionRow.filter(CollectionRow.Columns.name == replacement).fetchOne(db)
            else {
                throw FaceStoreError.collectionNotFound(replacement)
            }
            let deleted = try Self.deleteCollectionRows(id: oldID, db)
            new.name = name
            try new.update(db)
            return deleted
        }
        logger.info(
            "collection replaced",
            metadata: [
                "store.collection": "\(name)", "store.replacement": "\(replacement)",
                "store.faces": "\(ids.0.count)", "store.filesRemoved": "\(filesRemoved)",
            ])
        return DeletionResult(faceIDs: ids.0, imageIDs: ids.1, filesRemoved: filesRemoved)
    }
}
