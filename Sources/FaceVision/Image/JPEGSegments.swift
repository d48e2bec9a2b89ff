/// The marker segments of a JPEG file up to its first scan, as far as the
/// decoder cares: where the EXIF block is and whether the headers are whole.
///
/// libjpeg-turbo reads the headers too, but TurboJPEG 2.1 neither exposes
/// APP1 nor says whether a header failure was caused by missing bytes, so
/// this walk provides both.
struct JPEGSegments {
    /// The bytes of the first APP1 segment that starts with "Exif\0\0",
    /// prefix included.
    private(set) var exif: Range<Int>?
    /// Whether the walk reached a start-of-scan (or end-of-image) marker
    /// before the data ran out.
    private(set) var headersComplete = false
    /// Where the first scan's marker starts.
    private(set) var scanOffset: Int?

    /// Walks the segments of `bytes`, which start with an SOI marker. Never
    /// fails: anything unexpected simply ends the walk.
    init(_ bytes: [UInt8]) {
        var offset = 2
        while offset < bytes.count {
            guard bytes[offset] == 0xFF else { return }
            // Any number of 0xFF fill bytes may precede a marker code.
            var codeOffset = offset + 1
            while codeOffset < bytes.count, bytes[codeOffset] == 0xFF {
                codeOffset += 1
            }
            guard codeOffset < bytes.count else { return }
            let code = bytes[codeOffset]
            switch code {
            case 0xDA, 0xD9:
                headersComplete = true
                scanOffset = code == 0xDA ? offset : nil
                return
            case 0x01, 0xD0...0xD8:
                // Standalone markers carry no length.
                offset = codeOffset + 1
                continue
            default:
                break
            }
            guard let length = bytes.uint16BigEndian(at: codeOffset + 1), length >= 2 else { return }
            let payload = (codeOffset + 3)..<(codeOffset + 1 + length)
            guard payload.upperBound <= bytes.count else { return }
            if code == 0xE1, exif == nil,
                bytes.matches(EXIFOrientationReader.exifPrefix, at: payload.lowerBound)
            {
                exif = payload
            }
            offset = payload.upperBound
        }
    }

    /// Whether an end-of-image marker follows the first scan, that is,
    /// whether the file is whole. Entropy-coded data never contains FF D9
    /// (a coded 0xFF is always followed by 0x00 or a restart marker), so a
    /// plain search suffices.
    func hasEndOfImage(in bytes: [UInt8]) -> Bool {
        guard let scanOffset else { return false }
        return bytes.withUnsafeBufferPointer { bytes in
            var index = scanOffset
            while index < bytes.count - 1 {
                if bytes[index] == 0xFF && bytes[index + 1] == 0xD9 { return true }
                index += 1
            }
            return false
        }
    }

    /// The EXIF orientation, ``ImageOrientation/up`` without a readable one.
    func orientation(in bytes: [UInt8]) -> ImageOrientation {
        guard let exif else { return .up }
        return EXIFOrientationReader.orientation(in: bytes, range: exif)
    }
}
