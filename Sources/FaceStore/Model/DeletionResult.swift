/// What a deletion removed, so the caller can drop the same faces from its
/// vector index.
public struct DeletionResult: Sendable, Hashable, Codable {
    /// The ids of the deleted faces, ascending.
    public let faceIDs: [Int64]
    /// The ids of the deleted images (the ones left without faces), ascending.
    public let imageIDs: [Int64]
    /// How many stored files were deleted: a file shared with an image of
    /// another collection stays.
    public let filesRemoved: Int

    /// A result; ids are sorted.
    public init(faceIDs: [Int64], imageIDs: [Int64], filesRemoved: Int) {
        self.faceIDs = faceIDs.sorted()
        self.imageIDs = imageIDs.sorted()
        self.filesRemoved = filesRemoved
    }
}
