import Foundation
import Hummingbird

/// One hostile or malformed request and the answer the API documents for it
/// (docs/API.md, "Error codes").
struct BadInput: Sendable {
    let name: String
    let method: HTTPRequest.Method
    let uri: String
    let contentType: String?
    let body: [UInt8]
    let status: HTTPResponse.Status
    let code: String

    init(
        _ name: String, _ uri: String, method: HTTPRequest.Method = .post, type contentType: String? = nil,
        body: [UInt8] = [], _ status: HTTPResponse.Status, _ code: String
    ) {
        (self.name, self.method, self.uri, self.contentType, self.body) = (
            name, method, uri, contentType, body
        )
        (self.status, self.code) = (status, code)
    }
}

/// Builders of broken files, from real photos where a real one is needed.
enum BrokenFiles {
    /// A PNG of `width` x `height` declared in a valid IHDR (correct CRC),
    /// with one tiny IDAT: enough for the header checks to run.
    static func png(width: UInt32, height: UInt32) -> [UInt8] {
        var ihdr = bigEndian(width) + bigEndian(height)
        ihdr += [8, 2, 0, 0, 0]  // 8-bit RGB, deflate, no filter, no interlace
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", ihdr)
            + chunk("IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]) + chunk("IEND", [])
    }

    /// A real PNG with one byte of its first IDAT's data flipped and the CRC left as it was.
    static func pngWithBadCRC(_ png: [UInt8]) -> [UInt8] {
        var bytes = png
        var offset = 8
        while offset + 8 < bytes.count {
            let length =
                Int(bytes[offset]) << 24 | Int(bytes[offset + 1]) << 16 | Int(bytes[offset + 2]) << 8
                | Int(bytes[offset + 3])
            if String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self) == "IDAT" {
                bytes[offset + 8 + length / 2] ^= 0xFF
                return bytes
            }
            offset += 12 + length
        }
        return bytes
    }

    /// A multipart body with a part and no closing boundary.
    static let unterminatedForm = Array(
        "--b\r\nContent-Disposition: form-data; name=\"image\"\r\n\r\nabc\r\n".utf8)

    /// A multipart form whose `metadata` field is not UTF-8.
    static func form(photo: [UInt8], metadata: [UInt8]) -> [UInt8] {
        Array("--b\r\nContent-Disposition: form-data; name=\"metadata\"\r\n\r\n".utf8) + metadata
            + Array(
                "\r\n--b\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.jpg\"\r\n\r\n".utf8)
            + photo + Array("\r\n--b--\r\n".utf8)
    }

    private static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typed = Array(type.utf8) + data
        return bigEndian(UInt32(data.count)) + typed + bigEndian(crc32(typed))
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    private static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
