import FaceVision
import Foundation

/// A quality figure from 0 to 1 for a detected face: how much a match on it
/// can be trusted. A heuristic, documented so that people can filter on it:
/// `quality = size * sureness`, where `size = min(1, shorter box side / 100 px)`
/// (dlib's chip is 150 px; faces much smaller than 100 px lose detail) and
/// `sureness = 1 / (1 + exp(-2 * confidence))` (HOG and MMOD confidences are
/// about 0 at the detection threshold and 1 to 3 for clear faces).
public enum FaceQuality {
    /// The quality of `face`.
    public static func of(_ face: Face) -> Double {
        let size = min(1, Double(min(face.box.width, face.box.height)) / 100)
        let sureness = 1 / (1 + exp(-2 * face.confidence))
        return (size * sureness * 1000).rounded() / 1000
    }
}
