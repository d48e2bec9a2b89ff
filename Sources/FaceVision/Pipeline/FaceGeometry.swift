/// A point in pixel coordinates of the original photo (after EXIF rotation).
public struct Point: Sendable, Hashable, Codable {
    /// Column, from the left edge.
    public var x: Int
    /// Row, from the top edge.
    public var y: Int

    /// A point at column `x`, row `y`.
    public init(x: Int, y: Int) {
        self.x = x
        self.y = y
    }
}

/// A face rectangle in pixel coordinates of the original photo. `right` and
/// `bottom` are the last column and row inside the face, as in dlib and
/// face_recognition, so `width = right - left + 1`. A face cut by the photo's
/// edge is clipped as face_recognition clips it: `left` and `top` to 0, `right`
/// to the photo's width and `bottom` to its height.
public struct FaceBox: Sendable, Hashable, Codable {
    /// First column inside the face.
    public var left: Int
    /// First row inside the face.
    public var top: Int
    /// Last column inside the face.
    public var right: Int
    /// Last row inside the face.
    public var bottom: Int

    /// A box from its four edges.
    public init(left: Int, top: Int, right: Int, bottom: Int) {
        self.left = left
        self.top = top
        self.right = right
        self.bottom = bottom
    }

    /// Width in pixels.
    public var width: Int { right - left + 1 }
    /// Height in pixels.
    public var height: Int { bottom - top + 1 }
    /// Area in square pixels; the "largest face" is the one with the largest area.
    public var area: Int { width * height }
}

/// Which detector found a face.
public enum DetectorKind: String, Sendable, Codable, CaseIterable {
    /// dlib's HOG frontal face detector.
    case hog
    /// dlib's MMOD CNN face detector.
    case cnn
    /// YuNet on OpenCV.
    case yunet
}
