import Foundation
import GRDB
import Logging

/// The durable source of truth of the gallery: collections, stored photos
/// and faces in SQLite (through GRDB, WAL mode), and the original photo files
/// in a content-addressed folder beside the database:
///
/// ```
/// <folder>/facesearch.sqlite            (+ -wal, -shm)
/// <folder>/facesearch.lock              held with flock while the store is open
/// <folder>/images/<2 hex>/<sha256>.<ext> the original bytes, named by their SHA-256
/// ```
///
/// ## Crash safety
///
/// A photo's row, its stored file and its faces become visible together or
/// not at all, even if the process is killed (`kill -9`) or the machine loses
/// power at any instant. ``insert(_:faces:collectionID:)`` works in this order:
///
/// 1. check the digest and write the bytes to a temporary file
///    (`images/ab/<sha256>.<random>.tmp`), then fsync it (on the store's own
///    dispatch queue, off Swift's cooperative pool, outside the write lock);
/// 2. take GRDB's writer, `BEGIN IMMEDIATE`, refuse a duplicate;
/// 3. rename the temporary file to its content address (or drop it when the
///    same bytes are already stored for another collection) and fsync the
///    directory, so the file is durable *before* any row can refer to it;
/// 4. insert the image row and all its face rows, then `COMMIT` (with
///    `synchronous = FULL`, the commit is on disk when `insert` returns).
///
/// A crash before the commit leaves at most a file that no row refers to; a
/// failure before the commit rolls back and removes the file this insert
/// created. Deletions run the other way round: one transaction removes the
/// rows, and a file is unlinked only after the commit of the transaction that
/// removed the last row referring to it (and only if no image row, in any
/// collection, still does). A crash between the commit and the unlink leaves
/// an orphan file. Opening the store sweeps temporary files and orphans, so
/// after a restart every file is referenced and every row has its file.
///
/// Files are placed and removed while holding GRDB's writer, so they are
/// serialised with the transactions that refer to them; the folder lock
/// (``FaceStoreError/storeInUse(_:)``) keeps a second store, in this or
/// another process, from sweeping files that this one is placing.
///
/// ## Durability
///
/// WAL mode with `PRAGMA synchronous = FULL` (GRDB sets NORMAL for pools; the
/// store raises it on the writer connection). With NORMAL a commit is not
/// fsynced and the last transactions can be lost on power failure; that
/// would break "delete the file after the commit": the unlink could survive
/// a power cut that the deleting transaction did not, leaving a row without
/// its file. FULL costs one WAL fsync per transaction, small next to
/// detection, and makes an acknowledged insert or delete durable.
public final class FaceStore: Sendable {
    /// The folder holding the database and the images.
    public let folder: String
    let database: DatabasePool
    let files: ImageFiles
    let logger: Logger
    private let lock: StoreLock

    /// Opens the store in `folder`, creating the folder, the database and the
    /// images folder when missing, migrating the schema and sweeping
    /// temporary and orphan files. Blocks the calling thread for that work;
    /// from async code prefer ``open(folder:logger:)``.
    public init(folder: String, logger: Logger) throws {
        let folder = URL(fileURLWithPath: folder).standardizedFileURL.path
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw FaceStoreError.io("create \(folder): \(error.localizedDescription)")
        }
        self.folder = folder
        self.logger = logger
        lock = try StoreLock(folder: folder)
        files = try ImageFiles(root: folder + "/images")
        do {
            database = try DatabasePool(
                path: folder + "/facesearch.sqlite", configuration: Self.configuration())
            try database.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = FULL")
            }
            try Self.migrator.migrate(database)
        } catch {
            throw Self.translate(error)
        }
        let swept = try sweep()
        logger.info(
            "face store open",
            metadata: [
                "store.folder": "\(folder)", "store.temporaryFilesRemoved": "\(swept.temporary)",
                "store.orphanFilesRemoved": "\(swept.orphans)",
            ])
    }

    /// Opens the store like ``init(folder:logger:)``, on a thread of its own
    /// rather than Swift's cooperative pool.
    public static func open(folder: String, logger: Logger) async throws -> FaceStore {
        try await DispatchQueue.global(qos: .userInitiated).perform {
            try FaceStore(folder: folder, logger: logger)
        }
    }

    deinit {
        // Close SQLite before the folder lock is released with `lock`.
        try? database.close()
    }

    /// The lower-case hex SHA-256 of `bytes`: the content address of a photo.
    public static func sha256(_ bytes: [UInt8]) -> String {
        ContentDigest.hex(bytes)
    }

    /// The stored original of `image`. Always inside the images folder: file
    /// names are made by the store and checked when rows are read; a
    /// `StoredImage` decoded from elsewhere with any other name gets a path
    /// inside the folder that does not exist.
    public func fileURL(of image: StoredImage) -> URL {
        let name = ImageFiles.isValidFileName(image.fileName) ? image.fileName : "00/invalid-file-name"
        return URL(fileURLWithPath: files.path(name))
    }

    private static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.label = "FaceStore"
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        return configuration
    }
}
