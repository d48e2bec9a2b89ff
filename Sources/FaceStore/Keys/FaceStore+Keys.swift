extension FaceStore {
    /// Creates a key; see ``KeyRing/create(name:scope:collections:)``.
    public func createKey(name: String, scope: APIKeyScope, collections: [String]? = nil) async throws -> (
        record: APIKeyRecord, secret: String
    ) {
        try await keyRing.create(name: name, scope: scope, collections: collections)
    }

    /// Every key, revoked ones included, oldest first. Never the secrets.
    public func keys() async throws -> [APIKeyRecord] {
        try await keyRing.all()
    }

    /// Revokes a key; returns false when no valid key has this id.
    @discardableResult
    public func revokeKey(id: String) async throws -> Bool {
        try await keyRing.revoke(id: id)
    }

    /// The valid key that `text` names, or nil; see ``KeyRing/authenticate(key:)``.
    public func authenticate(key text: String) async throws -> APIKeyRecord? {
        try await keyRing.authenticate(key: text)
    }
}
