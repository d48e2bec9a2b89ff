import Foundation

/// The JSON text the store writes: metadata objects with sorted keys, so
/// equal objects are equal text, and landmark pairs.
extension JSONValue {
    /// The canonical text of a metadata object.
    static func text(of object: [String: JSONValue]) throws(FaceStoreError) -> String {
        try encode(object, what: "metadata")
    }

    /// The canonical text of one value (a filter's array or object operand).
    static func text(of value: JSONValue) throws(FaceStoreError) -> String {
        try encode(value, what: "metadata filter value")
    }

    /// The text of landmark pairs, e.g. `[[1,2],[3,4]]`.
    static func text(ofLandmarks landmarks: [[Int]]) throws(FaceStoreError) -> String {
        try encode(landmarks, what: "landmarks")
    }

    /// Decodes a stored metadata object.
    static func object(fromText text: String, in row: String) throws(FaceStoreError) -> [String: JSONValue] {
        try decode([String: JSONValue].self, from: text, what: "metadata of \(row)")
    }

    /// Decodes stored landmark pairs.
    static func landmarks(fromText text: String, in row: String) throws(FaceStoreError) -> [[Int]] {
        try decode([[Int]].self, from: text, what: "landmarks of \(row)")
    }

    private static func encode(_ value: some Encodable, what: String) throws(FaceStoreError) -> String {
        do {
            return try JSONCoding.text(value)
        } catch {
            throw .invalidInput("\(what) cannot be written as JSON (NaN or infinite number?)")
        }
    }

    private static func decode<T: Decodable>(_ type: T.Type, from text: String, what: String)
        throws(FaceStoreError) -> T
    {
        do {
            return try JSONCoding.decoder.decode(type, from: Data(text.utf8))
        } catch {
            throw .corruptRow("\(what) is not the expected JSON")
        }
    }
}
