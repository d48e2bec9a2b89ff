/// A 128-D face descriptor from dlib's ResNet: two photos of one person are
/// usually closer than 0.6 in Euclidean distance.
public struct FaceDescriptor: Sendable, Hashable, Codable {
    /// The number of values of a descriptor.
    public static let length = 128
    /// dlib's rule of thumb: a Euclidean distance below this means the same person.
    public static let samePersonThreshold = 0.6

    /// The values, exactly as the network computed them.
    public let values: [Float]

    /// Wraps `values`, which must hold `length` numbers.
    public init(_ values: [Float]) {
        precondition(values.count == Self.length, "a face descriptor has \(Self.length) values")
        self.values = values
    }

    /// Euclidean distance, accumulated in Double as numpy does for face_recognition.
    public func distance(to other: FaceDescriptor) -> Double {
        var sum = 0.0
        for index in 0..<Self.length {
            let difference = Double(values[index]) - Double(other.values[index])
            sum += difference * difference
        }
        return sum.squareRoot()
    }

    /// Whether `other` is the same person by dlib's 0.6 rule.
    public func isSamePerson(as other: FaceDescriptor, threshold: Double = samePersonThreshold) -> Bool {
        distance(to: other) <= threshold
    }

    /// Encodes as the plain array of numbers.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(values)
    }

    /// Decodes from a plain array of 128 numbers.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let values = try container.decode([Float].self)
        guard values.count == Self.length else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "a face descriptor has \(Self.length) values, not \(values.count)")
        }
        self.values = values
    }
}
