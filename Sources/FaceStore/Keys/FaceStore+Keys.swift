import Foundation
import GRDB

extension FaceStore {
    /// Creates a key and returns its record and its full text, which is shown
    /// once: the store keeps only the SHA-256 of the secret.
    public func createKey(name: String, scope: APIKeyScope) async throws -> (
        record: APIKeyRecord, secret: String
    ) {
        guard (1...200).contains(name.count) else {
            throw FaceStoreError.invalidInput("a key name must be 1 to 200 characters")
        }
        let token = APIKeyToken.random()
        let record = APIKeyRecord(id: token.id, name: name, scope: scope, createdAt: Date(), revokedAt: nil)
        let hash = token.secretHash
        _ = try await writeThenRemoveFiles { db in
            try db.execute(
                sql: """
                    INSERT INTO api_keys (id, name, scope, secret_sha256, created_at)
                    VALUES (?, ?, ?, ?, ?)
                    """,
                arguments: [record.id, record.name, record.scope.rawValue, hash, record.createdAt])
            return ((), unreferenced: [])
        }
        // Read back, so the record equals later reads (dates are stored to the millisecond).
        let stored = try await key(id: record.id)?.record ?? record
        logger.info(
            "api key created", metadata: ["key.id": "\(record.id)", "key.scope": "\(scope.rawValue)"])
        return (stored, token.text)
    }

    /// Every key, revoked ones included, oldest first. Never the secrets.
    public func keys() async throws -> [APIKeyRecord] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM api_keys ORDER BY created_at, id").map(Self.keyRecord)
        }
    }

    /// Revokes a key; returns false when no valid key has this id.
    @discardableResult
    public func revokeKey(id: String) async throws -> Bool {
        let (changed, _) = try await writeThenRemoveFiles { db in
            try db.execute(
                sql: "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                arguments: [Date(), id])
            return (db.changesCount > 0, unreferenced: [])
        }
        if changed { logger.info("api key revoked", metadata: ["key.id": "\(id)"]) }
        return changed
    }

    /// The key with this id and the stored hash of its secret, or nil.
    public func key(id: String) async throws -> (record: APIKeyRecord, secretSHA256: String)? {
        try await read { db -> (record: APIKeyRecord, secretSHA256: String)? in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM api_keys WHERE id = ?", arguments: [id])
            else { return nil }
            return (try Self.keyRecord(row), row["secret_sha256"])
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

    private static func keyRecord(_ row: Row) throws -> APIKeyRecord {
        guard let scope = APIKeyScope(rawValue: row["scope"]) else {
            throw FaceStoreError.corruptRow("an api key has an unknown scope")
        }
        return APIKeyRecord(
            id: row["id"], name: row["name"], scope: scope, createdAt: row["created_at"],
            revokedAt: row["revoked_at"])
    }
}
