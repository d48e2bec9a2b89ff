import CTurboJPEG

/// Compresses RGB pixels to baseline JPEG with TurboJPEG (4:2:0 chroma
/// subsampling, accurate DCT), for thumbnails and face crops.
public struct JPEGEncoder: Sendable {
    /// Creates an encoder; it holds no state, each call uses its own
    /// TurboJPEG instance.
    public init() {}

    /// Encodes `image` at `quality` (1...100; 90 keeps faces sharp at a
    /// fraction of the size).
    public func encode(_ image: RGBImage, quality: Int = 90) throws(JPEGEncodingError) -> [UInt8] {
        guard (1...100).contains(quality) else {
            throw JPEGEncodingError(reason: "quality \(quality) is outside 1...100")
        }
        let handle = TurboJPEGHandle(.compress)
        let subsampling = Int32(TJSAMP_420.rawValue)
        // tjBufSize is the worst case, so NOREALLOC is safe and TurboJPEG
        // writes straight into the array.
        let capacity = Int(tjBufSize(Int32(image.width), Int32(image.height), subsampling))
        var status: Int32 = 0
        let jpeg = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            var destination = buffer.baseAddress
            var size = UInt(capacity)
            status = image.pixels.withUnsafeBufferPointer { pixels in
                tjCompress2(
                    handle.raw, pixels.baseAddress, Int32(image.width), 0, Int32(image.height),
                    Int32(TJPF_RGB.rawValue), &destination, &size, subsampling, Int32(quality),
                    TJFLAG_NOREALLOC)
            }
            count = status == 0 ? Int(size) : 0
        }
        guard status == 0 else { throw JPEGEncodingError(reason: handle.lastErrorMessage) }
        return jpeg
    }
}

/// Why ``JPEGEncoder`` could not encode an image.
public struct JPEGEncodingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// TurboJPEG's message, or which argument was invalid.
    public let reason: String

    /// Creates an error with `reason`.
    public init(reason: String) {
        self.reason = reason
    }

    /// A sentence for logs.
    public var description: String { "JPEG encoding failed: \(reason)" }
}
