/// What an image's headers say, learned without decoding any pixels.
public struct ImageInfo: Sendable, Equatable {
    /// The compressed format, from the magic bytes.
    public let format: ImageFormat
    /// Width as stored in the file, before the orientation is applied.
    public let width: Int
    /// Height as stored in the file, before the orientation is applied.
    public let height: Int
    /// The EXIF orientation; ``ImageOrientation/up`` when there is no EXIF
    /// block or it cannot be read.
    public let orientation: ImageOrientation

    /// Creates header information.
    public init(format: ImageFormat, width: Int, height: Int, orientation: ImageOrientation) {
        self.format = format
        self.width = width
        self.height = height
        self.orientation = orientation
    }

    /// Width once the orientation is applied (and before any scaling).
    public var orientedWidth: Int { orientation.swapsDimensions ? height : width }
    /// Height once the orientation is applied (and before any scaling).
    public var orientedHeight: Int { orientation.swapsDimensions ? width : height }
}
