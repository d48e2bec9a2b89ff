import GRDB

extension FaceStore {
    /// The stored files no image row refers to, and leftover temporary files,
    /// as names relative to the images folder. After an open there are none.
    public func orphanFiles() throws -> [String] {
        var orphans: [String] = []
        try database.read { db in
            for subdirectory in ImageFiles.subdirectories {
                let referenced = try Self.referencedNames(in: subdirectory, db)
                for entry in try files.entries(of: subdirectory).sorted() where !referenced.contains(entry) {
                    orphans.append(subdirectory + "/" + entry)
                }
            }
        }
        return orphans
    }

    /// The ids of the image rows whose stored file is missing (none, unless
    /// someone deleted files by hand or the disk lost them). Reads the rows
    /// page by page and checks the files on the store's file queue.
    public func verifyFiles() async throws -> [Int64] {
        var missing: [Int64] = []
        var afterID: Int64 = 0
        while true {
            let page = try await read { [afterID] db in
                try Row.fetchAll(
                    db, sql: "SELECT id, file_name FROM images WHERE id > ? ORDER BY id LIMIT 10000",
                    arguments: [afterID]
                ).map { row in (id: row[0] as Int64, fileName: row[1] as String) }
            }
            guard let last = page.last else { return missing }
            let files = self.files
            missing += try await files.run {
                page.filter { !POSIX.exists(files.path($0.fileName)) }.map(\.id)
            }
            afterID = last.id
        }
    }

    /// Removes temporary files and files no image row refers to. Runs at open,
    /// while this store holds the folder lock and before any insert, holding
    /// GRDB's writer.
    func sweep() throws -> (temporary: Int, orphans: Int) {
        do {
            return try database.writeWithoutTransaction { db in
                var (temporary, orphans) = (0, 0)
                for subdirectory in ImageFiles.subdirectories {
                    let referenced = try Self.referencedNames(in: subdirectory, db)
                    for entry in try files.entries(of: subdirectory) where !referenced.contains(entry) {
                        guard try POSIX.remove(files.root + "/" + subdirectory + "/" + entry) else {
                            continue
                        }
                        if entry.hasSuffix(".tmp") { temporary += 1 } else { orphans += 1 }
                    }
                }
                return (temporary, orphans)
            }
        } catch {
            throw Self.translate(error)
        }
    }

    /// The file names (without the sub-directory) that image rows use in one sub-directory.
    private static func referencedNames(in subdirectory: String, _ db: Database) throws -> Set<String> {
        // GLOB with a literal prefix uses the file_name index.
        let names = try String.fetchAll(
            db, sql: "SELECT DISTINCT file_name FROM images WHERE file_name GLOB ?",
            arguments: [subdirectory + "/*"])
        return Set(names.map { String($0.dropFirst(subdirectory.count + 1)) })
    }
}
