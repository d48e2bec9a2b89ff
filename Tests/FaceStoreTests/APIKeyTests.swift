import Foundation
import GRDB
import Testing

@testable import FaceStore

@Suite("API keys")
struct APIKeyTests {
    @Test func aCreatedKeyAuthenticatesWithItsScope() async throws {
        try await withTemporaryFolder { folder in
            let store = try openStore(folder)
            let (record, secret) = try await store.createKey(name: "ci", scope: .write)
            #expect(secret.hasPrefix("fsk_\(record.id)_"))
            #expect(try await store.authenticate(key: secret) == record)
            #expect(try await store.keys() == [record])
        }
    }

    @Test func aWrongOrMalformedSecretDoesNotAuthenticate() async throws {
        try await withTemporaryFolder { folder in
            let store = try openStore(folder)
            let (record, secret) = try await store.createKey(name: "ci", scope: .search)
            let wrong = "fsk_\(record.id)_" + String(repeating: "0", count: 64)
            #expect(try await store.authenticate(key: wrong) == nil)
            #expect(try await store.authenticate(key: String(secret.dropLast())) == nil)
            #expect(try await store.authenticate(key: "") == nil)
        }
    }

    @Test func aRevokedKeyIsListedButNoLongerAuthenticates() async throws {
        try await withTemporaryFolder { folder in
            let store = try openStore(folder)
            let (record, secret) = try await store.createKey(name: "old", scope: .admin)
            #expect(try await store.revokeKey(id: record.id))
            #expect(try await !store.revokeKey(id: record.id))
            #expect(try await store.authenticate(key: secret) == nil)
            let listed = try await store.keys()
            #expect(listed.count == 1 && listed[0].revokedAt != nil)
        }
    }

    @Test func onlyTheHashOfTheSecretIsStored() async throws {
        try await withTemporaryFolder { folder in
            let store = try openStore(folder)
            let (record, secret) = try await store.createKey(name: "ci", scope: .search)
            let stored = try #require(try await store.keyRing.key(id: record.id))
            let token = try #require(APIKeyToken(secret))
            #expect(stored.secretSHA256 == FaceStore.sha256(Array(token.secret.utf8)))
            #expect(stored.secretSHA256 != token.secret)
        }
    }

    @Test func scopesIncludeTheLowerOnes() {
        #expect(APIKeyScope.admin.includes(.write) && APIKeyScope.admin.includes(.search))
        #expect(APIKeyScope.write.includes(.search) && !APIKeyScope.write.includes(.admin))
        #expect(!APIKeyScope.search.includes(.write))
        #expect(APIKeyToken.constantTimeEquals("abc", "abc") && !APIKeyToken.constantTimeEquals("abc", "abd"))
    }

    @Test func aVersionOneDatabaseGetsTheKeysTableOnOpen() async throws {
        try await withTemporaryFolder { folder in
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                let queue = try DatabaseQueue(path: folder + "/facesearch.sqlite")
                try FaceStore.migrator.migrate(queue, upTo: "v1: collections, images, faces")
                let hasKeys = try await queue.read { db in try db.tableExists("api_keys") }
                #expect(!hasKeys)
            }
            let store = try openStore(folder)
            let (record, _) = try await store.createKey(name: "after upgrade", scope: .search)
            #expect(try await store.keys().map(\.id) == [record.id])
        }
    }
}
