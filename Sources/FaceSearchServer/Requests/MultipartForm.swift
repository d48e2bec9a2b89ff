import Foundation

/// A `multipart/form-data` body split into its parts (RFC 7578). The parser
/// is strict and bounded: the body is already limited by the caller, and here
/// the number of parts and the size of each part's headers are capped, so a
/// hostile body costs at most one linear scan.
struct MultipartForm {
    /// One part: its form field name, its file name if any, and its bytes.
    struct Part {
        let name: String
        let filename: String?
        let body: ArraySlice<UInt8>
    }

    static let maxParts = 64
    static let maxHeaderBytes = 8 * 1024

    let parts: [Part]

    /// The boundary of a `multipart/form-data` content type, or nil when the
    /// type is another one; a form type without a usable boundary is a 400.
    static func boundary(of contentType: String) throws(APIError) -> String? {
        let pieces = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard pieces.first?.lowercased() == "multipart/form-data" else { return nil }
        for piece in pieces.dropFirst() where piece.lowercased().hasPrefix("boundary=") {
            var value = Substring(piece.dropFirst("boundary=".count))
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                value = value.dropFirst().dropLast()
            }
            guard (1...70).contains(value.utf8.count), value.utf8.allSatisfy({ $0 > 32 && $0 < 127 }) else {
                break
            }
            return String(value)
        }
        throw invalid("the multipart content type has no valid boundary")
    }

    /// Splits `body`; anything that is not a well-formed form is a 400 `invalid_multipart`.
    init(body: [UInt8], boundary: String) throws(APIError) {
        let delimiter = Array("--\(boundary)".utf8)
        let separator = [13, 10] + delimiter
        // The first delimiter opens the body or follows a preamble line.
        var position: Int
        if body.starts(with: delimiter) {
            position = delimiter.count
        } else if let start = Self.find(separator, in: body, from: 0) {
            position = start + separator.count
        } else {
            throw Self.invalid("the body has no opening boundary")
        }
        var parts: [Part] = []
        while true {
            if body[position...].starts(with: [45, 45]) { break }  // "--": the closing delimiter
            guard body[position...].starts(with: [13, 10]) else {
                throw Self.invalid("a boundary is not followed by a line break")
            }
            position += 2
            guard let headerEnd = Self.find([13, 10, 13, 10], in: body, from: position),
                headerEnd - position <= Self.maxHeaderBytes
            else { throw Self.invalid("a part's headers are missing or too long") }
            let (name, filename) = try Self.disposition(body[position..<headerEnd])
            let contentStart = headerEnd + 4
            guard let contentEnd = Self.find(separator, in: body, from: contentStart) else {
                throw Self.invalid("a part is not closed by a boundary")
            }
            parts.append(Part(name: name, filename: filename, body: body[contentStart..<contentEnd]))
            guard parts.count <= Self.maxParts else { throw Self.invalid("the form has too many parts") }
            position = contentEnd + separator.count
        }
        self.parts = parts
    }

    /// The field name and file name from a part's `Content-Disposition` header.
    private static func disposition(_ headers: ArraySlice<UInt8>) throws(APIError) -> (String, String?) {
        guard let text = String(validating: headers, as: UTF8.self) else {
            throw invalid("a part's headers are not UTF-8")
        }
        for line in text.split(separator: "\r\n", omittingEmptySubsequences: false) {
            guard let colon = line.firstIndex(of: ":") else { throw invalid("a part header has no colon") }
            guard line[..<colon].lowercased() == "content-disposition" else { continue }
            let fields = line[line.index(after: colon)...].split(separator: ";").map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard fields.first?.lowercased() == "form-data" else { break }
            var values: [String: String] = [:]
            for field in fields.dropFirst() {
                guard let equals = field.firstIndex(of: "=") else { continue }
                var value = field[field.index(after: equals)...]
                if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                    value = value.dropFirst().dropLast()
                }
                values[field[..<equals].lowercased()] = String(value)
            }
            guard let name = values["name"], !name.isEmpty else { break }
            return (name, values["filename"])
        }
        throw invalid("a part has no form-data Content-Disposition with a name")
    }

    /// The first index of `needle` in `haystack` at or after `start`.
    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var index = start
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first, haystack[index..<(index + needle.count)].elementsEqual(needle) {
                return index
            }
            index += 1
        }
        return nil
    }

    private static func invalid(_ message: String) -> APIError {
        APIError(.badRequest, code: "invalid_multipart", message: message)
    }
}
