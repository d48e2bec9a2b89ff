/// The RIFF chunk layout of a WebP file, walked only to find the EXIF chunk
/// and to tell a short file from a damaged one; libwebp parses the rest.
struct WebPChunks {
    /// The payload of the first EXIF chunk.
    private(set) var exif: Range<Int>?

    /// Walks the chunks after the 12-byte RIFF/WEBP header. Never fails:
    /// anything unexpected ends the walk.
    init(_ bytes: [UInt8]) {
        var offset = 12
        while let type = bytes.fourCC(at: offset), let size = bytes.uint32LittleEndian(at: offset + 4) {
            let payload = (offset + 8)..<(offset + 8 + size)
            guard payload.upperBound <= bytes.count else { return }
            if type == "EXIF" {
                exif = payload
                return
            }
            // Chunks are padded to an even size.
            offset = payload.upperBound + (size & 1)
        }
    }

    /// The EXIF orientation, ``ImageOrientation/up`` without a readable one.
    func orientation(in bytes: [UInt8]) -> ImageOrientation {
        guard let exif else { return .up }
        return EXIFOrientationReader.orientation(in: bytes, range: exif)
    }

    /// Whether the RIFF header announces more bytes than the file has.
    static func declaresMoreBytes(than bytes: [UInt8]) -> Bool {
        guard let riffSize = bytes.uint32LittleEndian(at: 4) else { return true }
        return bytes.count < 8 + riffSize
    }
}
