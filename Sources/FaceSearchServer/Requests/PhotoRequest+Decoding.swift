import FaceStore
import Foundation
import NIOCore

extension PhotoRequest {
    /// The photos and fields of a multipart form. Text fields must be UTF-8;
    /// files under other names are not parameters and are ignored.
    init(form: MultipartForm, photoNames: [String]) throws(APIError) {
        var photos: [String: [UInt8]] = [:]
        var fields: [String: [String]] = [:]
        for part in form.parts {
            if photoNames.contains(part.name) {
                guard photos[part.name] == nil else {
                    throw .invalidArgument("the form has more than one part named \(part.name)")
                }
                photos[part.name] = Array(part.body)
            } else if part.filename == nil {
                guard let text = String(validating: part.body, as: UTF8.self) else {
                    throw part.name == "metadata"
                        ? APIError.invalidMetadata("metadata is not valid UTF-8")
                        : .invalidArgument("the form field \(part.name) is not valid UTF-8")
                }
                fields[part.name, default: []].append(text)
            }
        }
        self.init(photos: photos, fields: fields)
    }

    /// The photos (base64 strings) and parameters of a JSON object. Scalar
    /// members become their text; objects and arrays their JSON text, so
    /// `metadata` is checked the same way whichever way it came.
    init(json: ByteBuffer, photoNames: [String], limit: Int) throws(APIError) {
        let object: [String: JSONValue]
        do {
            // Parsed in place: no copy of a body that may be 27 MiB.
            object = try json.withUnsafeReadableBytes { raw in
                guard let start = raw.baseAddress, raw.count > 0 else { throw CocoaError(.coderReadCorrupt) }
                let bytes = Data(
                    bytesNoCopy: UnsafeMutableRawPointer(mutating: start), count: raw.count,
                    deallocator: .none)
                return try JSONCoding.decoder.decode([String: JSONValue].self, from: bytes)
            }
        } catch {
            throw APIError(.badRequest, code: "invalid_json", message: "the body is not a JSON object")
        }
        var photos: [String: [UInt8]] = [:]
        var fields: [String: [String]] = [:]
        var filter: [String: JSONValue]?
        var decodedBytes = 0
        for (name, value) in object {
            if photoNames.contains(name) {
                guard case .string(let text) = value, let data = Data(base64Encoded: text) else {
                    throw APIError(
                        .badRequest, code: "invalid_base64", message: "\(name) must be a base64 string")
                }
                decodedBytes += data.count
                guard decodedBytes <= limit else { throw APIError.tooLarge(limit: limit) }
                photos[name] = [UInt8](data)
            } else if name == "filter" {
                guard case .object(let members) = value else {
                    throw .invalidArgument("filter must be an object of metadata values")
                }
                filter = members
            } else {
                fields[name] = [Self.text(of: value)]
            }
        }
        self.init(photos: photos, fields: fields, filter: filter)
    }

    private static func text(of value: JSONValue) -> String {
        // Scalars by the rule metadata filters compare with; the rest as JSON text.
        if let text = value.scalarText { return text }
        return (try? JSONCoding.text(value)) ?? ""
    }
}
