import CTurboJPEG

/// A JPEG file, decoded with TurboJPEG exactly as Pillow's libjpeg decode
/// does by default: accurate integer IDCT, fancy upsampling.
///
/// Damage is judged the way Pillow judges it. A file whose data stops before
/// its end-of-image marker is ``ImageDecodingError/truncated(_:)``; a libjpeg
/// error is ``ImageDecodingError/corrupt(_:reason:)``; a libjpeg warning in a
/// whole file ("extraneous bytes before marker", a scan cut short before
/// EOI) is tolerated and the recovered pixels returned, as Pillow does. That
/// is why `TJFLAG_STOPONWARNING` is not used: it would refuse photos that
/// face_recognition reads.
struct JPEGSource: ImageSource {
    let info: ImageInfo
    private let bytes: [UInt8]
    private let segments: JPEGSegments
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
                handle.raw, buffer.baseAddress, UInt(buffer.count), &width, &height, &subsampling, &colorspace
            )
        }
        guard status == 0 else {
            // TurboJPEG's header errors do not say whether bytes were missing;
            // the segment walk does.
            if !segments.headersComplete { throw .truncated(.jpeg) }
            throw Self.error(message: handle.lastErrorMessage)
        }
        guard width > 0, height > 0 else {
            // TurboJPEG reports a stream that reaches EOI without a frame
            // header (a tables-only stream) as a 0x0 image; a file cut before
            // its frame header looks the same.
            if !segments.headersComplete { throw .truncated(.jpeg) }
            throw .corrupt(.jpeg, reason: "no frame header before the end of the image")
        }
        self.bytes = bytes
        self.segments = segments
        self.colorspace = colorspace
        info = ImageInfo(
            format: .jpeg, width: Int(width), height: Int(height),
            orientation: segments.orientation(in: bytes))
    }

    func decodePixels(minimumSide: Int?) throws(ImageDecodingError) -> (image: RGBImage, scale: Double) {
        let factor = minimumSide.map {
            Self.scalingFactor(width: info.width, height: info.height, minimumSide: $0)
        }
        let num = factor.map { Int($0.num) } ?? 1
        let denom = factor.map { Int($0.denom) } ?? 1
        // TJSCALED() from turbojpeg.h, which Swift cannot import as a macro.
        let width = (info.width * num + denom - 1) / denom
        let height = (info.height * num + denom - 1) / denom
        let isCMYK = colorspace == TJCS_CMYK.rawValue || colorspace == TJCS_YCCK.rawValue
        let pixelFormat = isCMYK ? TJPF_CMYK : TJPF_RGB
        let channels = isCMYK ? 4 : 3
        // LIMITSCANS refuses progressive files with an absurd number of scans,
        // which otherwise take minutes to decode.
        let flags = TJFLAG_LIMITSCANS
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
        if status != 0 {
            try checkFailure(message: handle.lastErrorMessage, isWarning: handle.lastErrorIsWarning)
        }
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

    /// Throws for a failed decode unless it was only a warning in a whole
    /// file. TurboJPEG keeps the first warning's message: "Premature end of
    /// JPEG file" is libjpeg running out of bytes.
    private func checkFailure(message: String, isWarning: Bool) throws(ImageDecodingError) {
        if message.hasPrefix("Premature end of JPEG file") || !segments.hasEndOfImage(in: bytes) {
            throw .truncated(.jpeg)
        }
        if !isWarning || Self.scanDataWasSkipped(warning: message, fileSize: bytes.count) {
            throw .corrupt(.jpeg, reason: message)
        }
    }

    /// Whether a warning says the decoder skipped scan data it could not
    /// read: bytes before a restart marker, or more than 1 KiB and 1% of the
    /// file before any other marker. That is what an entropy coding other
    /// than the one the frame header declares looks like (a baseline file
    /// whose SOF0 says SOF9, arithmetic): libjpeg only warns, and the
    /// "photo" it returns is noise. A few stray bytes before the end-of-image
    /// marker stay tolerated, as Pillow tolerates them.
    static func scanDataWasSkipped(warning: String, fileSize: Int) -> Bool {
        // "Corrupt JPEG data: 894 extraneous bytes before marker 0xd0"
        let words = warning.split(separator: " ")
        guard warning.hasPrefix("Corrupt JPEG data:"), words.count == 9, words[5] == "bytes",
            let skipped = Int(words[3]), let marker = Int(words[8].dropFirst(2), radix: 16)
        else { return false }
        let isRestart = (0xd0...0xd7).contains(marker)
        return isRestart || (skipped > 1024 && skipped * 100 > fileSize)
    }

    /// Maps a header failure to an error.
    private static func error(message: String) -> ImageDecodingError {
        message.hasPrefix("Premature end of JPEG file") ? .truncated(.jpeg) : .corrupt(.jpeg, reason: message)
    }
}
