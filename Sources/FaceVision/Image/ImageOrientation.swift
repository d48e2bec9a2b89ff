/// The EXIF orientation (tag 0x0112) of a stored image: how its rows and
/// columns must be rearranged to show it upright.
///
/// Raw values are the EXIF numbers 1...8. Case names follow the usual
/// convention of naming where the stored image's top ended up; the comment on
/// each case says which transform turns stored pixels into upright ones.
public enum ImageOrientation: Int, Sendable, CaseIterable {
    /// 1: stored upright; nothing to do.
    case up = 1
    /// 2: mirror left-right.
    case upMirrored = 2
    /// 3: rotate 180 degrees.
    case down = 3
    /// 4: mirror top-bottom.
    case downMirrored = 4
    /// 5: transpose (mirror across the top-left to bottom-right diagonal).
    case leftMirrored = 5
    /// 6: rotate 90 degrees clockwise.
    case right = 6
    /// 7: transverse (mirror across the top-right to bottom-left diagonal).
    case rightMirrored = 7
    /// 8: rotate 90 degrees counter-clockwise.
    case left = 8

    /// Whether showing the image upright swaps its width and height.
    public var swapsDimensions: Bool { rawValue >= 5 }
}
