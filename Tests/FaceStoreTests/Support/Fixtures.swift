import FaceStore
import Foundation
import Logging

/// Builders for the values the tests store, and a quiet logger.
enum Fixture {
    /// A logger that drops everything.
    static let logger = Logger(label: "FaceStoreTests") { _ in SwiftLogNoOpLogHandler() }

    /// A "photo": the store never decodes bytes, so any distinct bytes will do.
    static func image(
        _ seed: String, format: String = "jpeg", externalID: String? = nil,
        metadata: [String: JSONValue]? = nil
    ) -> NewImage {
        let bytes = Array("photo \(seed) ".utf8) + (0..<512).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        return NewImage(
            bytes: bytes, sha256: FaceStore.sha256(bytes), width: 640, height: 480, format: format,
            externalID: externalID, metadata: metadata)
    }

    /// A face with a descriptor of `dimension` values derived from `seed`.
    static func face(
        seed: Int = 1, dimension: Int = 4, label: String? = nil, externalID: String? = nil,
        metadata: [String: JSONValue]? = nil
    ) -> NewFace {
        NewFace(
            left: 10 * seed, top: 20, right: 10 * seed + 90, bottom: 120,
            landmarks: [[seed, 2], [3, 4], [5, 6], [7, 8], [9, 10]], confidence: 0.5 + Double(seed) / 100,
            quality: 0.75, descriptor: (0..<dimension).map { Float(seed) + Float($0) / 8 }, label: label,
            externalID: externalID, metadata: metadata)
    }
}

/// Runs `body` with a fresh folder under the temporary directory, removed afterwards.
func withTemporaryFolder<T>(_ body: (String) async throws -> T) async throws -> T {
    let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("facestore-tests-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    return try await body(folder)
}

/// Opens a store in `folder` with the quiet logger.
func openStore(_ folder: String) throws -> FaceStore {
    try FaceStore(folder: folder, logger: Fixture.logger)
}

/// Opens a store with one 4-D euclidean collection named `name`.
func storeWithCollection(_ folder: String, name: String = "people", dimension: Int = 4) async throws
    -> (FaceStore, CollectionRecord)
{
    let store = try openStore(folder)
    let collection = try await store.createCollection(
        name: name, metric: "euclidean", modelID: "dlib_face_recognition_resnet_model_v1",
        dimension: dimension)
    return (store, collection)
}

/// The regular files under `<folder>/images`, as `xx/name` paths.
func storedFiles(_ folder: String) -> [String] {
    let root = folder + "/images"
    let subdirectories = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
    return subdirectories.sorted().flatMap { subdirectory in
        ((try? FileManager.default.contentsOfDirectory(atPath: root + "/" + subdirectory)) ?? []).sorted()
            .map { subdirectory + "/" + $0 }
    }
}
