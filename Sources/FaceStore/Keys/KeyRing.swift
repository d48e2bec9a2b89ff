import Foundation
import GRDB
import Logging

/// The API keys of a data folder: created, listed, revoked and checked in
/// the `api_keys` table of its database.
///
/// A ``FaceStore`` has one (``FaceStore/keyRing``). ``open(folder:logger:)``
/// opens one without the store's folder lock, so keys can be managed while
/// `facesearch serve` holds the store: keys touch no image file and no
/// index, SQLite serialises the writes, and the server reads keys from the
/// database on every request, so a new or revoked key counts at once.
public struct KeyRing: Sendable {
    let database: any DatabaseWriter
    let logger: Logger
    /// The store whose database this is, kept open while the ring is used.
    var store: FaceStore?

    /// Opens the keys of an existing, fully migrated gallery in `folder`
    /// without taking its lock. Throws `invalidInput` when there is no
    /// gallery there or its schema is older than this program's (open it
    /// once with ``FaceStore`` to migrate it).
    public static func open(folder: String, logger: Logger) throws -> KeyRing {
        let path = URL(fileURLWithPath: folder).standardizedFileURL.path + "/facesearch.sqlite"
        guard FileManager.default.fileExists(atPath: path) else {
            throw FaceStoreError.invalidInput("no gallery in \(folder)")
        }
        do {
            var configuration = Configuration()
            configuration.label = "KeyRing"
            configuration.busyMode = .timeout(10)
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
            guard try queue.read({ try FaceStore.migrator.hasCompletedMigrations($0) }) else {
                throw FaceStoreError.invalidInput(
                    "the gallery in \(folder) needs a migration: stop the server and run this once more")
            }
            return KeyRing(database: queue, logger: logger)
        } catch {
            throw FaceStore.translate(error)
        }
    }

    /// Creates a key and returns its record and its full text, which is shown
    /// once: only the SHA-256 of the secret is kept. `collections` limits a
    /// `search` or `write` key to those collections (nil: all of them); an
    /// `admin` key always reaches every collection.
    public func create(name: String, scope: APIKeyScope, collections: [String]? = nil) async throws -> (
        record: APIKeyRecord, secret: String
    ) {
        guard (1...200).contains(name.count) else {
            throw FaceStoreError.invalidInput("a key name must be 1 to 200 characters")
        }
        let limited = try Self.checked(collections, scope: scope)
        let token = APIKeyToken.random()
        let record = APIKeyRecord(
            id: token.id, name: name, scope: scope, collections: limited, createdAt: Date(), revokedAt: nil)
        let hash = token.secretHash
        let collectionsJSON = try limited.map {
            try JSONCoding.text($0)
        }
        try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO api_keys (id, name, scope, collections, secret_sha256, created_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    record.id, record.name, record.scope.rawValue, collectionsJSON, hash, record.createdAt,
                ])
        }
        // Read back, so the record equals later reads (dates are stored to the millisecond).
        let stored = try await key(id: record.id)?.record ?? record
        logger.info(
            "api key created", metadata: ["key.id": "\(record.id)", "key.scope": "\(scope.rawValue)"])
        return (stored, token.text)
    }

    /// Every key, revoked ones included, oldest first. Never the secrets.
    public func all() async throws -> [APIKeyRecord] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM api_keys ORDER BY created_at, id").map(Self.record)
        }
    }

    /// Revokes a key; returns false when no valid key has this id.
    @discardableResult
    public func revoke(id: String) async throws -> Bool {
        let changed = try await write { db in
            try db.execute(
                sql: "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                arguments: [Date(), id])
            return db.changesCount > 0
        }
        if changed { logger.info("api key revoked", metadata: ["key.id": "\(id)"]) }
        return changed
    }

    /// The key with this id and the stored hash of its secret, or nil.
    public func key(id: String) async throws -> (record: APIKeyRecord, secretSHA256: String)? {
        try await read { db -> (record: APIKeyRecord, secretSHA256: String)? in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM api_keys WHERE id = ?", arguments: [id])
            else { return nil }
            return (try Self.record(row), row["secret_sha256"])
        }
    }

    /// The valid key that `text` names, or nil when it is malformed, unknown,
    /// revoked or its secret does not match (compared in constant time).
    public func authenticate(key text: String) async throws -> APIKeyRecord? {
        guard let token = APIKeyToken(text), let stored = try await key(id: token.id) else { return nil }
        guard APIKeyToken.constantTimeEquals(token.secretHash, stored.secretSHA256),
            stored.record.revokedAt == nil
        else { return nil }
        return stored.record
    }

    /// The collection limit to store: sorted, without repeats.
    private static func checked(_ collections: [String]?, scope: APIKeyScope) throws -> [String]? {
        guard let collections else { return nil }
        guard scope != .admin else {
            throw FaceStoreError.invalidInput("an admin key reaches every collection: it cannot be limited")
        }
        guard !collections.isEmpty, collections.count <= 1000 else {
            throw FaceStoreError.invalidInput("a key may be limited to 1 to 1000 collections")
        }
        if let bad = collections.first(where: { !CollectionRecord.isValidName($0) }) {
            throw FaceStoreError.invalidName(bad)
        }
        return Array(Set(collections)).sorted()
    }

    private func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) async throws -> T {
        do { return try await database.read(body) } catch { throw FaceStore.translate(error) }
    }

    private func write<T: Sendable>(_ body: @Sendable (Database) throws -> T) async throws -> T {
        do { return try await database.write(body) } catch { throw FaceStore.translate(error) }
    }

    private static func record(_ row: Row) throws -> APIKeyRecord {
        guard let scope = APIKeyScope(rawValue: row["scope"]) else {
            throw FaceStoreError.corruptRow("an api key has an unknown scope")
        }
        var collections: [String]?
        if let text: String = row["collections"] {
            guard let names = try? JSONCoding.decoder.decode([String].self, from: Data(text.utf8)) else {
                throw FaceStoreError.corruptRow("an api key has unreadable collections")
            }
            collections = names
        }
        return APIKeyRecord(
            id: row["id"], name: row["name"], scope: scope, collections: collections,
            createdAt: row["created_at"], revokedAt: row["revoked_at"])
    }
}

extension FaceStore {
    /// The keys of this store's folder.
    public var keyRing: KeyRing { KeyRing(database: database, logger: logger, store: self) }
}
