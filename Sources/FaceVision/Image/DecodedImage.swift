/// The result of decoding: upright RGB pixels and how they were obtained.
public struct DecodedImage: Sendable, Equatable {
    /// The pixels, with the EXIF orientation already applied and scaled by
    /// ``scale``.
    public let image: RGBImage
    /// The compressed format the pixels came from.
    public let format: ImageFormat
    /// Width declared by the file, before scaling and orientation.
    public let storedWidth: Int
    /// Height declared by the file, before scaling and orientation.
    public let storedHeight: Int
    /// The orientation that was applied to reach ``image``.
    public let orientation: ImageOrientation
    /// The decode scale factor (for example 0.375 for a 3/8 JPEG decode);
    /// 1.0 when the image was decoded at full size.
    public let scale: Double

    /// Creates a decoding result.
    public init(
        image: RGBImage, format: ImageFormat, storedWidth: Int, storedHeight: Int,
        orientation: ImageOrientation, scale: Double
    ) {
        self.image = image
        self.format = format
        self.storedWidth = storedWidth
        self.storedHeight = storedHeight
        self.orientation = orientation
        self.scale = scale
    }

    /// The header facts of the decoded file.
    public var info: ImageInfo {
        ImageInfo(format: format, width: storedWidth, height: storedHeight, orientation: orientation)
    }
}
