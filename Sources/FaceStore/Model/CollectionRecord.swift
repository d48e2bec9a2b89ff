import Foundation

/// A collection: a named gallery of faces whose descriptors share one model,
/// one dimension and one distance metric.
public struct CollectionRecord: Sendable, Hashable, Codable {
    /// The metrics a collection may use (the vector index's names).
    public static let metrics: Set<String> = ["euclidean", "cosine"]

    /// The store's id.
    public let id: Int64
    /// The unique name: 1 to 64 characters of `A-Z a-z 0-9 _ -`.
    public let name: String
    /// `"euclidean"` or `"cosine"`.
    public let metric: String
    /// The embedding model the descriptors come from, e.g. `dlib_face_recognition_resnet_model_v1`.
    public let modelID: String
    /// The face detector the collection's photos are analysed with, e.g.
    /// `yunet`; nil for the server's configured detector (every collection
    /// created before collections could choose one).
    public let detector: String?
    /// How the collection's vectors are indexed, as the engine described it
    /// (kind and parameters); nil for the exact index (every collection
    /// created before collections could choose one).
    public let vectorIndex: String?
    /// The number of Float32 values in every descriptor of the collection.
    public let dimension: Int
    /// When the collection was created (millisecond precision).
    public let createdAt: Date

    /// Whether `name` is 1 to 64 characters of `A-Z a-z 0-9 _ -`.
    public static func isValidName(_ name: String) -> Bool {
        (1...64).contains(name.utf8.count)
            && name.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
                    true
                default:
                    false
                }
            }
    }
}
