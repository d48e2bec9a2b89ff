import CTurboJPEG

/// A JPEG file, decoded with TurboJPEG exactly as Pillow's libjpeg decode
/// does by default: accurate integer IDCT, fancy upsampling.
struct JPEGSource: ImageSource {
    let info: ImageInfo
    private let bytes: [UInt8]
    private let colorspace: Int32

    init(_ bytes: [UInt8]) throws(ImageDecodingError) {
        let segments = JPEGSegments(bytes)
        let handle = TurboJPEGHandle(.decompress)
        var width: Int32 = 0
        var height: Int32 = 0
        var subsampling: Int32 = 0
        var colorspace: Int32 = 0
        let status = bytes.withUnsafeBufferPointer { buffer in
            tjDecompressHeader3(
                handle.raw, buffer.baseAddress, UInt(buffer.count), &width, &height, &subsampling, &colorspace)
        }
        guard status == 0 else {
            // TurboJPEG's header errors do not say whether bytes were missing;
            // the segment walk does.
            if !segments.headersComplete { throw .truncated(.jpeg) }
            throw Self.error(message: handle.lastErrorMessage)
        }
        guard width > 0, height > 0 else {
            // TurboJPEG accepts a tables-only stream (which is also what a
            // file cut before its frame header looks like) with a size of 0.
            if !segments.headersComplete { throw .truncated(.jpeg) }
            throw .corrupt(.jpeg, reason: "no image (zero width or height)")
        }
        self.bytes = bytes
        self.colorspace = colorspace
        info = ImageInfo(
            format: .jpeg, width: Int(width), height: Int(height), orientation: segments.orientation(in: bytes))
    }

    func decodePixels(minimumSide: Int?) throws(ImageDecodingError) -> (image: RGBImage, scale: Double) {
        let factor = minimumSide.map { Self.scalingFactor(width: info.width, height: info.height, minimumSide: $0) }
        let num = factor.map { Int($0.num) } ?? 1
        let denom = factor.map { Int($0.denom) } ?? 1
        // TJSCALED() from turbojpeg.h, which Swift cannot import as a macro.
        let width = (info.width * num + denom - 1) / denom
        let height = (info.height * num + denom - 1) / denom
        let isCMYK = colorspace == TJCS_CMYK.rawValue || colorspace == TJCS_YCCK.rawValue
        let pixelFormat = isCMYK ? TJPF_CMYK : TJPF_RGB
        let channels = isCMYK ? 4 : 3
        // Warnings (a premature end of data above all) become errors, so a
        // truncated upload is refused rather than decoded half grey.
        // LIMITSCANS stops progressive files with thousands of scans.
        let flags = TJFLAG_STOPONWARNING | TJFLAG_LIMITSCANS
        let handle = TurboJPEGHandle(.decompress)
        var status: Int32 = 0
        let output = [UInt8](unsafeUninitializedCapacity: width * height * channels) { buffer, count in
            status = bytes.withUnsafeBufferPointer { jpeg in
                tjDecompress2(
                    handle.raw, jpeg.baseAddress, UInt(jpeg.count), buffer.baseAddress, Int32(width), 0,
                    Int32(height), pixelFormat.rawValue, flags)
            }
            // On failure the buffer is discarded, so claiming it is fine.
            count = buffer.count
        }
        guard status == 0 else { throw Self.error(message: handle.lastErrorMessage) }
        let rgb = isCMYK ? CMYKConversion.rgb(fromInvertedCMYK: output) : output
        return (RGBImage(width: width, height: height, pixels: rgb), Double(num) / Double(denom))
    }

    /// The smallest TurboJPEG factor of at most 1 whose decoded longest side
    /// is still at least `minimumSide`; 1/1 when none is smaller.
    static func scalingFactor(width: Int, height: Int, minimumSide: Int) -> tjscalingfactor {
        var count: Int32 = 0
        guard let factors = tjGetScalingFactors(&count) else { return tjscalingfactor(num: 1, denom: 1) }
        let longest = max(width, height)
        var best = tjscalingfactor(num: 1, denom: 1)
        for factor in UnsafeBufferPointer(start: factors, count: Int(count))
        where factor.num <= factor.denom && factor.num > 0 {
            let side = (longest * Int(factor.num) + Int(factor.denom) - 1) / Int(factor.denom)
            let isSmaller = Int(factor.num) * Int(best.denom) < Int(best.num) * Int(factor.denom)
            if side >= minimumSide && isSmaller {
                best = factor
            }
        }
        return best
    }

    /// Maps a libjpeg message to an error: "Premature end of JPEG file" and
    /// "premature end of data segment" mean the data stops early.
    private static func error(message: String) -> ImageDecodingError {
        message.lowercased().contains("premature end") ? .truncated(.jpeg) : .corrupt(.jpeg, reason: message)
    }
}
