import FaceStore
import Foundation

extension RequestParameters {
    /// The most bytes the `metadata` parameter may have as JSON text.
    static let maxMetadataBytes = 16 * 1024
    /// The most top-level keys metadata may have.
    static let maxMetadataKeys = 64

    /// The `metadata` parameter: the JSON text of an object (400
    /// `invalid_metadata` otherwise), at most 16 KiB and 64 keys (400
    /// `metadata_too_large`), or nil when absent.
    func metadata() throws(APIError) -> [String: JSONValue]? {
        guard let text = try string("metadata") else { return nil }
        guard text.utf8.count <= Self.maxMetadataBytes else {
            throw APIError.metadataTooLarge("metadata must be at most \(Self.maxMetadataBytes) bytes of JSON")
        }
        let value: JSONValue
        do {
            value = try JSONCoding.decoder.decode(JSONValue.self, from: Data(text.utf8))
        } catch {
            throw .invalidMetadata("metadata is not valid JSON")
        }
        guard case .object(let object) = value else {
            throw .invalidMetadata("metadata must be a JSON object")
        }
        guard object.count <= Self.maxMetadataKeys else {
            throw APIError.metadataTooLarge("metadata must have at most \(Self.maxMetadataKeys) keys")
        }
        return object
    }

    /// The metadata filters: `filter=key:value` parameters (a value reads as
    /// a number when it parses as one, as a bool for true or false, else as
    /// text), merged with the `filter` object of a JSON body, whose values
    /// must be strings, numbers or bools.
    func metadataFilter(json: [String: JSONValue]?) throws(APIError) -> [String: JSONValue] {
        var filter: [String: JSONValue] = [:]
        for text in strings("filter") {
            guard let colon = text.firstIndex(of: ":"), colon != text.startIndex else {
                throw .invalidArgument("filter must be key:value, not \(text)")
            }
            filter[String(text[..<colon])] = Self.filterValue(String(text[text.index(after: colon)...]))
        }
        for (key, value) in json ?? [:] {
            switch value {
            case .string, .number, .bool: filter[key] = value
            default: throw .invalidArgument("the filter value of \(key) must be a string, number or bool")
            }
        }
        return filter
    }

    private static func filterValue(_ text: String) -> JSONValue {
        if text == "true" || text == "false" { return .bool(text == "true") }
        if let number = Double(text), number.isFinite { return .number(number) }
        return .string(text)
    }
}

extension APIError {
    /// A 400 for metadata that is not a JSON object of valid UTF-8.
    static func invalidMetadata(_ message: String) -> APIError {
        APIError(.badRequest, code: "invalid_metadata", message: message)
    }

    /// A 400 for metadata over the size limits.
    static func metadataTooLarge(_ message: String) -> APIError {
        APIError(.badRequest, code: "metadata_too_large", message: message)
    }
}
