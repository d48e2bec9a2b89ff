import CDlibShim

/// dlib's MMOD CNN face detector: slower than HOG (about 600 ms for 640x480
/// on one core here) but finds turned and small faces HOG misses.
///
/// Not thread-safe: the network holds its activations. Each worker owns its own.
final class CNNDetector {
    private let handle: OpaquePointer

    init(modelPath: String) throws(FaceVisionError) {
        handle = try loadModel(at: modelPath, fsd_cnn_detector_load)
    }

    deinit { fsd_cnn_detector_destroy(handle) }

    /// The shortest side, after doubling, below which the network is not run:
    /// dlib fails on smaller inputs (8x8 does) and stops the process on the
    /// second such failure, and the CNN finds no face under 40 px anyway.
    static let minimumSide = 40

    /// Faces in `image` after `upsample` doublings, in `image`'s coordinates;
    /// none for an image too small to hold a face the network can find.
    func detect(in image: RGBImage, upsample: Int) throws(FaceVisionError) -> [DetectedBox] {
        guard min(image.width, image.height) << upsample >= Self.minimumSide else { return [] }
        return try image.withNativeView { (view) throws(FaceVisionError) in
            try collectDetections { (out, capacity, count) throws(FaceVisionError) in
                try nativeCall { fsd_cnn_detect(handle, view, Int32(upsample), out, capacity, count, $0) }
            }
        }
    }
}
