import CDlibShim

/// An aligned face chip: 150x150 RGB pixels, eyes level and at fixed places.
public struct FaceChip: Sendable, Hashable {
    /// The chip's side in pixels.
    public static let side = Int(FSD_CHIP_SIZE)
    /// Bytes in one chip.
    public static let byteCount = side * side * 3
    /// `byteCount` interleaved RGB bytes.
    public let pixels: [UInt8]

    /// The chip as an image, for thumbnails and inspection.
    public var image: RGBImage { RGBImage(width: Self.side, height: Self.side, pixels: pixels) }
}

extension RGBImage {
    /// Cuts the aligned chip for `landmarks` (5 or 68 points) with dlib's
    /// `get_face_chip_details` and `extract_image_chips`.
    func alignedChip(landmarks: [Point], padding: Double) throws(FaceVisionError) -> FaceChip {
        let points = landmarks.map { fsd_point(x: Int64($0.x), y: Int64($0.y)) }
        var out = [UInt8](repeating: 0, count: FaceChip.byteCount)
        try withNativeView { (view) throws(FaceVisionError) in
            try out.withUnsafeMutableBufferPointer { (buffer) throws(FaceVisionError) in
                try nativeCall {
                    fsd_extract_chip(view, points, Int32(points.count), padding, buffer.baseAddress, $0)
                }
            }
        }
        return FaceChip(pixels: out)
    }

    /// This image resized to `width` x `height` with dlib's bilinear interpolation.
    func resized(width: Int, height: Int) throws(FaceVisionError) -> RGBImage {
        guard width != self.width || height != self.height else { return self }
        var out = [UInt8](repeating: 0, count: width * height * 3)
        try withNativeView { (view) throws(FaceVisionError) in
            try out.withUnsafeMutableBufferPointer { (buffer) throws(FaceVisionError) in
                try nativeCall { fsd_resize(view, Int32(width), Int32(height), buffer.baseAddress, $0) }
            }
        }
        return RGBImage(width: width, height: height, pixels: out)
    }
}
