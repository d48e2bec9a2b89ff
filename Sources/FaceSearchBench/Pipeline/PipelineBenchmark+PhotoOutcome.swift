import FaceStore
import FaceVision
import Foundation

extension PipelineBenchmark {
    /// What the pipeline made of one photo in a benchmark run: enough to set its
    /// faces, its largest face's descriptor and its time beside another
    /// system's answers for the same photo (bench/accuracy.py reads these).
    public struct PhotoOutcome: Sendable, Codable, Equatable {
        /// The photo's path as given to the benchmark.
        public var path: String
        /// Faces found; 0 when none was found or the photo failed.
        public var faces: Int
        /// The largest face's box as face_recognition orders it: top, right, bottom, left.
        public var box: [Int]?
        /// The largest face's descriptor.
        public var descriptor: FaceDescriptor?
        /// The embedder that computed it (`dlib` or `sface`): how descriptors are compared.
        public var embedder: String?
        /// Seconds of work on this photo (the stages' sum, queue wait excluded).
        public var seconds: Double
        /// Why the photo could not be analysed, if it could not.
        public var error: String?

        /// The outcome of a photo the pipeline analysed with `embedder`.
        public init(path: String, photo: PhotoFaces, embedder: EmbedderChoice) {
            self.path = path
            self.embedder = embedder.rawValue
            faces = photo.faces.count
            box = photo.largestFace.map { [$0.box.top, $0.box.right, $0.box.bottom, $0.box.left] }
            descriptor = photo.largestFace?.descriptor
            seconds = photo.timings.total
            error = nil
        }

        /// The outcome of a photo the pipeline refused.
        public init(path: String, error: String) {
            self.path = path
            faces = 0
            box = nil
            descriptor = nil
            seconds = 0
            self.error = error
        }

        /// One line of JSON (keys sorted, no newline inside): a row of a JSON Lines file.
        public func jsonLine() throws -> String {
            return try JSONCoding.text(self)
        }
    }
}
