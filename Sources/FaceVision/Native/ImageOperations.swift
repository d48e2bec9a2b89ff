import CDlibShim

/// An aligned face chip: square RGB pixels, eyes level and at fixed places.
/// dlib's descriptor net takes 150-pixel chips, SFace 112-pixel ones.
public struct FaceChip: Sendable, Hashable {
    /// The side of dlib's chips in pixels.
    public static let dlibSide = Int(FSD_CHIP_SIZE)
    /// The chip's side in pixels.
    public let side: Int
    /// `side * side * 3` interleaved RGB bytes.
    public let pixels: [UInt8]

    /// A chip of `side` pixels from its bytes.
    public init(side: Int, pixels: [UInt8]) {
        precondition(pixels.count == side * side * 3, "a chip holds side * side RGB pixels")
        self.side = side
        self.pixels = pixels
    }

    /// The chip as an image, for thumbnails and inspection.
    public var image: RGBImage { RGBImage(width: side, height: side, pixels: pixels) }
}

extension RGBImage {
    /// Cuts the aligned chip for `landmarks` (5 or 68 points) with dlib's
    /// `get_face_chip_details` and `extract_image_chips`.
    func alignedChip(landmarks: [Point], padding: Double) throws(FaceVisionError) -> FaceChip {
        let points = landmarks.map { fsd_point(x: Int64($0.x), y: Int64($0.y)) }
        let side = FaceChip.dlibSide
        var out = [UInt8](repeating: 0, count: side * side * 3)
        try withNativeView { (view) throws(FaceVisionError) in
            try out.withUnsafeMutableBufferPointer { (buffer) throws(FaceVisionError) in
                try nativeCall {
                    fsd_extract_chip(view, points, Int32(points.count), padding, buffer.baseAddress, $0)
                }
            }
        }
        return FaceChip(side: side, pixels: out)
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
