import Foundation

/// Saved vector indexes: files derived from the store, kept in
/// `<data>/indexes/` so that a large index need not be rebuilt at every start.
/// The store never reads them and stays the truth: the engine checks a loaded
/// index against the store's faces and repairs it, so a file that is old,
/// missing or damaged costs time, never correctness.
extension FaceStore {
    /// The folder of saved indexes.
    public var indexFolder: String { folder + "/indexes" }

    /// Where a collection's saved index of `kind` (say `hnsw`) lives.
    /// Collection ids are never reused, so a file never outlives its collection's name.
    public func indexFilePath(collectionID: Int64, kind: String) -> String {
        "\(indexFolder)/collection-\(collectionID).\(kind)"
    }

    /// Saves an index durably at `path`: `write` writes it to a temporary
    /// file beside it, which is fsynced and renamed over `path`; the rename
    /// is fsynced too. A crash leaves the old file or the new one, whole.
    public func saveIndexFile(at path: String, write: (String) throws -> Void) throws {
        _ = try POSIX.makeDirectory(indexFolder)
        let temporary = path + ".tmp"
        try POSIX.remove(temporary)
        do {
            try write(temporary)
            try POSIX.synchronizeFile(temporary)
            try POSIX.rename(temporary, to: path)
        } catch {
            _ = try? POSIX.remove(temporary)
            throw error
        }
        try POSIX.synchronizeDirectory(indexFolder)
    }

    /// Removes a collection's saved indexes and any temporary file an
    /// interrupted save left.
    public func removeIndexFiles(collectionID: Int64) throws {
        try removeIndexFiles { id, _ in id == collectionID }
    }

    /// Removes the saved indexes of collections that no longer exist (a crash
    /// between deleting a collection and its files leaves them) and the
    /// temporary files of saves a crash interrupted. Call it before any save
    /// starts (the engine does, when it opens the store).
    public func removeIndexFiles(keeping collectionIDs: Set<Int64>) throws {
        try removeIndexFiles { id, name in !collectionIDs.contains(id) || name.hasSuffix(".tmp") }
    }

    private func removeIndexFiles(where matches: (Int64, String) -> Bool) throws {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: indexFolder) else { return }
        for name in names where name.hasPrefix("collection-") {
            let id = name.dropFirst("collection-".count).prefix { $0 != "." }
            if let id = Int64(id), matches(id, name) { try POSIX.remove("\(indexFolder)/\(name)") }
        }
    }
}

extension FaceStore {
    /// This store's identity: 16 hexadecimal digits drawn at random when the
    /// store was created (or migrated to schema v7), kept by a copy of the
    /// data folder. It names the store's collections in a vector database that
    /// several stores may share.
    public func identity() async throws -> String {
        try await read { db in
            guard let id = try String.fetchOne(db, sql: "SELECT id FROM store_identity") else {
                throw FaceStoreError.corruptRow("store_identity is empty")
            }
            return id
        }
    }
}
