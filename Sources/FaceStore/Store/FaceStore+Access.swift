import GRDB

extension FaceStore {
    /// Runs `body` in a read-only snapshot on one of GRDB's reader queues.
    func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await database.read(body)
        } catch {
            throw Self.translate(error)
        }
    }

    /// Runs `body` in one `BEGIN IMMEDIATE` transaction on GRDB's writer
    /// queue. After the commit, still holding the writer so no insert can
    /// place the same file in between, it unlinks the stored files `body`
    /// listed (files that no image row refers to any more). A failed unlink
    /// leaves an orphan for the next open to sweep; it is logged, not thrown,
    /// since the deletion itself has committed.
    func writeThenRemoveFiles<T: Sendable>(_ body: @Sendable (Database) throws -> (T, unreferenced: [String]))
        async throws -> (T, filesRemoved: Int)
    {
        do {
            return try await database.writeWithoutTransaction { db in
                var outcome: (T, unreferenced: [String])?
                try db.inTransaction(.immediate) {
                    outcome = try body(db)
                    return .commit
                }
                guard let (value, unreferenced) = outcome else {
                    preconditionFailure("committed without a result")
                }
                var removed = 0
                for fileName in unreferenced {
                    do {
                        if try POSIX.remove(files.path(fileName)) { removed += 1 }
                    } catch {
                        logger.warning(
                            "stored file not removed; the next open sweeps it",
                            metadata: ["store.file": "\(fileName)", "error": "\(error)"])
                    }
                }
                return (value, removed)
            }
        } catch {
            throw Self.translate(error)
        }
    }

    /// The error callers see: ``FaceStoreError`` for everything the store
    /// knows about, `CancellationError` when the task was cancelled.
    static func translate(_ error: any Error) -> any Error {
        switch error {
        case let error as FaceStoreError:
            return error
        case let error as DatabaseError:
            let message = error.message ?? "\(error.resultCode)"
            switch error.resultCode {
            case .SQLITE_CONSTRAINT: return FaceStoreError.invalidInput(message)
            case .SQLITE_INTERRUPT: return CancellationError()
            default: return FaceStoreError.database(message)
            }
        case let error as RowDecodingError:
            return FaceStoreError.corruptRow("\(error)")
        default:
            return error
        }
    }
}
