import Foundation
import Logging
import Testing

@testable import FaceStore

@Suite("Keys managed while the store is open elsewhere")
struct KeyRingTests {
    @Test func aKeyRingWorksBesideTheOpenStoreAndTheStoreSeesItsChangesAtOnce() async throws {
        try await withTemporaryFolder { folder in
            let store = try openStore(folder)
            // The folder is locked: a second store is refused, a key ring is not.
            #expect(throws: FaceStoreError.self) { _ = try openStore(folder) }
            let ring = try KeyRing.open(folder: folder, logger: Logger(label: "test"))
            let (record, secret) = try await ring.create(
                name: "late", scope: .search, collections: ["b", "a", "a"])
            #expect(record.collections == ["a", "b"])
            #expect(try await store.authenticate(key: secret)?.id == record.id)
            #expect(try await ring.revoke(id: record.id))
            #expect(try await store.authenticate(key: secret) == nil)
            #expect(try await store.keys().map(\.id) == [record.id])
        }
    }

    @Test func aKeyRingNeedsAnExistingGallery() throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("facesearch-\(UUID())")
            .path
        #expect(throws: FaceStoreError.self) {
            _ = try KeyRing.open(folder: missing, logger: Logger(label: "test"))
        }
    }

    @Test func aLimitedKeyReachesOnlyItsCollections() async throws {
        try await withTemporaryFolder { folder in
            let store = try openStore(folder)
            let (limited, _) = try await store.createKey(name: "one", scope: .write, collections: ["people"])
            let (open, _) = try await store.createKey(name: "all", scope: .write)
            #expect(limited.mayUse(collection: "people") && !limited.mayUse(collection: "staff"))
            #expect(open.mayUse(collection: "staff") && open.collections == nil)
            await #expect(throws: FaceStoreError.self) {
                _ = try await store.createKey(name: "none", scope: .write, collections: [])
            }
        }
    }
}
