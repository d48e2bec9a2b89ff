import CDlibShim

/// A rectangle found by a detector, in the pixel coordinates of the image it
/// ran on, with dlib's inclusive right and bottom edges.
struct DetectedBox: Equatable, Sendable {
    var left: Int
    var top: Int
    var right: Int
    var bottom: Int
    var confidence: Double

    init(left: Int, top: Int, right: Int, bottom: Int, confidence: Double) {
        self.left = left
        self.top = top
        self.right = right
        self.bottom = bottom
        self.confidence = confidence
    }

    init(_ native: fsd_detection) {
        self.init(
            left: Int(native.left), top: Int(native.top), right: Int(native.right),
            bottom: Int(native.bottom), confidence: native.confidence)
    }

    var native: fsd_detection {
        fsd_detection(
            left: Int64(left), top: Int64(top), right: Int64(right), bottom: Int64(bottom),
            confidence: confidence)
    }

    /// The box in a frame `factor` times larger, rounded as dlib rounds when
    /// it maps rectangles between pyramid levels.
    func scaled(by factor: Double) -> DetectedBox {
        guard factor != 1 else { return self }
        return DetectedBox(
            left: Int((Double(left) * factor).rounded()),
            top: Int((Double(top) * factor).rounded()),
            right: Int((Double(right) * factor).rounded()),
            bottom: Int((Double(bottom) * factor).rounded()),
            confidence: confidence)
    }
}

/// Collects detections from a shim call that fills a caller buffer, growing
/// the buffer once when the first one was too small.
func collectDetections(
    _ detect: (UnsafeMutablePointer<fsd_detection>, Int32, UnsafeMutablePointer<Int32>)
        throws(FaceVisionError)
        -> Void
) throws(FaceVisionError) -> [DetectedBox] {
    var capacity = 64
    while true {
        var buffer = [fsd_detection](repeating: fsd_detection(), count: capacity)
        var count: Int32 = 0
        try buffer.withUnsafeMutableBufferPointer { (pointer) throws(FaceVisionError) in
            try detect(pointer.baseAddress!, Int32(capacity), &count)
        }
        if Int(count) <= capacity {
            return buffer.prefix(Int(count)).map(DetectedBox.init)
        }
        capacity = Int(count)
    }
}
