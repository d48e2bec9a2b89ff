/// The chunk layout of a PNG file: its IHDR facts, where the EXIF block is,
/// and the chunks that must not reach libpng.
struct PNGChunks {
    /// Width declared by IHDR.
    let width: Int
    /// Height declared by IHDR.
    let height: Int
    /// The payload of the first eXIf chunk.
    private(set) var exif: Range<Int>?
    /// Whole chunks (length to CRC) that are removed before libpng sees the
    /// file; see ``bytesForLibpng(_:)``.
    private(set) var removed: [Range<Int>] = []
    /// Whether the walk reached IEND.
    private(set) var reachedEnd = false

    /// Colour-management chunks make libpng's simplified API convert samples
    /// to sRGB, which Pillow never does; eXIf is parsed here, and libpng
    /// would only warn about a malformed one.
    private static let removedTypes: Set<String> = ["gAMA", "sRGB", "iCCP", "cHRM", "eXIf"]

    /// Reads IHDR and walks the chunk headers. With `verifyingCRCs`, checks
    /// the CRC of every chunk but IDAT (libpng checks IDAT while inflating it).
    init(_ bytes: [UInt8], verifyingCRCs: Bool) throws(ImageDecodingError) {
        let ihdr = ImageFormat.pngSignature.count
        guard bytes.count >= ihdr + 25 else { throw .truncated(.png) }
        guard bytes.uint32BigEndian(at: ihdr) == 13, bytes.fourCC(at: ihdr + 4) == "IHDR" else {
            throw .corrupt(.png, reason: "the file does not start with an IHDR chunk")
        }
        guard Self.crcMatches(bytes, chunkAt: ihdr, length: 13) else {
            throw .corrupt(.png, reason: "IHDR: CRC error")
        }
        width = bytes.uint32BigEndian(at: ihdr + 8) ?? 0
        height = bytes.uint32BigEndian(at: ihdr + 12) ?? 0
        guard width > 0, height > 0 else { throw .corrupt(.png, reason: "zero width or height") }

        var offset = ihdr
        while let length = bytes.uint32BigEndian(at: offset), let type = bytes.fourCC(at: offset + 4) {
            guard length <= Int(Int32.max) else {
                throw .corrupt(.png, reason: "\(type): chunk length too large")
            }
            let end = offset + 12 + length
            guard end <= bytes.count else { return }
            if verifyingCRCs, type != "IDAT", !Self.crcMatches(bytes, chunkAt: offset, length: length) {
                throw .corrupt(.png, reason: "\(type): CRC error")
            }
            if type == "eXIf", exif == nil {
                exif = (offset + 8)..<(offset + 8 + length)
            }
            if Self.removedTypes.contains(type) {
                removed.append(offset..<end)
            }
            if type == "IEND" {
                reachedEnd = true
                return
            }
            offset = end
        }
    }

    /// The EXIF orientation, ``ImageOrientation/up`` without a readable one.
    func orientation(in bytes: [UInt8]) -> ImageOrientation {
        guard let exif else { return .up }
        return EXIFOrientationReader.orientation(in: bytes, range: exif)
    }

    /// `bytes` without the ``removed`` chunks; the same array when there are
    /// none, which is the common case.
    func bytesForLibpng(_ bytes: [UInt8]) -> [UInt8] {
        guard !removed.isEmpty else { return bytes }
        var kept = [UInt8]()
        kept.reserveCapacity(bytes.count)
        var start = 0
        for chunk in removed {
            kept.append(contentsOf: bytes[start..<chunk.lowerBound])
            start = chunk.upperBound
        }
        kept.append(contentsOf: bytes[start...])
        return kept
    }

    /// Whether the CRC stored after the chunk at `offset` matches its type
    /// and data.
    private static func crcMatches(_ bytes: [UInt8], chunkAt offset: Int, length: Int) -> Bool {
        let stored = bytes.uint32BigEndian(at: offset + 8 + length).map(UInt32.init)
        return stored == crc32(bytes, range: (offset + 4)..<(offset + 8 + length))
    }

    /// The CRC-32 (ISO 3309, as in PNG and zlib) of `bytes[range]`.
    ///
    /// libpng verifies the critical chunks itself but only warns about a bad
    /// ancillary chunk and skips it; checking them here reports a damaged file
    /// as damaged whatever chunk the damage is in.
    static func crc32(_ bytes: [UInt8], range: Range<Int>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        crcTable.withUnsafeBufferPointer { table in
            for index in range {
                crc = table[Int((crc ^ UInt32(bytes[index])) & 0xFF)] ^ (crc >> 8)
            }
        }
        return crc ^ 0xFFFF_FFFF
    }

    /// The byte-at-a-time table for the reflected polynomial 0xEDB88320.
    private static let crcTable: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 {
            value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1
        }
        return value
    }
}
