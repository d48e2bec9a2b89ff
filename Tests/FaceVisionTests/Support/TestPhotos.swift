import FaceVision

extension FaceBox {
    /// face_recognition's (top, right, bottom, left) order.
    var css: [Int] { [top, right, bottom, left] }
}
