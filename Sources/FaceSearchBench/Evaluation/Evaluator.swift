import FaceSearch
import FaceVision
import Foundation

/// `facesearch eval`: identification and verification quality on a folder of
/// identity folders (one folder per person), optionally with a `pairs.tsv`
/// of `path_a  path_b  same` lines relative to the folder.
public struct Evaluator: Sendable {
    /// The figures of one evaluation.
    public struct Report: Sendable, Codable {
        /// People (folders).
        public var identities: Int
        /// Photos read.
        public var photos: Int
        /// Photos in which a face was found.
        public var photosWithFace: Int
        /// Photos in which no face was found, by path: counted, never dropped silently.
        public var noFace: [String]
        /// Photos that could not be read or decoded, with why.
        public var failures: [IngestFailure]
        /// Leave-one-out identification over photos whose person has another photo
        /// with a face: the share whose nearest other face is the same person.
        public var rank1: Double
        /// The share whose person is among the 5 nearest other faces.
        public var rank5: Double
        /// Photos that took part in identification.
        public var identificationQueries: Int
        /// Verification on `pairs.tsv`, when present.
        public var pairs: VerificationMetrics?
        /// Verification over every pair of photos with a face (all same-person
        /// pairs against all different-person pairs): enough impostors for FAR 0.1%.
        public var allPairs: VerificationMetrics
        /// The embedder the descriptors came from.
        public var embedder: String
        /// Its same-person distance, where the "default" figures are taken.
        public var defaultThreshold: Double
        /// Seconds spent computing descriptors.
        public var seconds: Double
    }

    private let pipeline: FacePipeline

    /// An evaluator computing descriptors with `pipeline`.
    public init(pipeline: FacePipeline) {
        self.pipeline = pipeline
    }

    /// Evaluates the photos under `folder`.
    public func run(folder: String, progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in })
        async throws
        -> Report
    {
        let files = try PhotoFiles.find(under: [folder])
        let started = ContinuousClock.now
        let described = await describeLargestFaces(files, progress: progress)
        let seconds = (ContinuousClock.now - started).seconds
        let gallery = files.compactMap { path in described.descriptors[path].map { (path, $0) } }
        let embedder = pipeline.configuration.embedder
        let identification = Identification(
            gallery.map { (PhotoFiles.folderLabel(of: $0.0), $0.1) }, distance: embedder.distance)
        let pairsFile = (folder as NSString).appendingPathComponent("pairs.tsv")
        var pairs: VerificationMetrics?
        if FileManager.default.fileExists(atPath: pairsFile) {
            pairs = VerificationMetrics(
                pairs: try readPairs(pairsFile, folder: folder, descriptors: described.descriptors),
                defaultThreshold: embedder.samePersonDistance)
        }
        return Report(
            identities: Set(files.map(PhotoFiles.folderLabel(of:))).count, photos: files.count,
            photosWithFace: gallery.count, noFace: described.noFace.sorted(),
            failures: described.failures.sorted { $0.path < $1.path }, rank1: identification.rank1,
            rank5: identification.rank5, identificationQueries: identification.queries, pairs: pairs,
            allPairs: VerificationMetrics(
                pairs: identification.allPairs, defaultThreshold: embedder.samePersonDistance),
            embedder: embedder.rawValue, defaultThreshold: embedder.samePersonDistance, seconds: seconds)
    }

    private struct Described: Sendable {
        var descriptors: [String: FaceDescriptor] = [:]
        var noFace: [String] = []
        var failures: [IngestFailure] = []
    }

    private func describeLargestFaces(_ files: [String], progress: @escaping @Sendable (Int, Int) -> Void)
        async
        -> Described
    {
        var described = Described()
        let inFlight = max(2, pipeline.workerCount * 3)
        await withTaskGroup(of: (String, Result<FaceDescriptor?, any Error>).self) { group in
            var next = 0
            func startNext() {
                guard next < files.count else { return }
                let path = files[next]
                next += 1
                group.addTask {
                    do {
                        guard let data = FileManager.default.contents(atPath: path) else {
                            throw EngineError.invalidArgument("the file cannot be read")
                        }
                        return (
                            path, .success(try await pipeline.analyze([UInt8](data)).largestFace?.descriptor)
                        )
                    } catch { return (path, .failure(error)) }
                }
            }
            for _ in 0..<min(inFlight, files.count) { startNext() }
            var done = 0
            for await (path, outcome) in group {
                switch outcome {
                case .success(let descriptor?): described.descriptors[path] = descriptor
                case .success(nil): described.noFace.append(path)
                case .failure(let error):
                    described.failures.append(
                        IngestFailure(path: path, code: errorCode(error), message: "\(error)"))
                }
                done += 1
                progress(done, files.count)
                startNext()
            }
        }
        return described
    }

    private func readPairs(_ file: String, folder: String, descriptors: [String: FaceDescriptor]) throws
        -> [(distance: Double?, same: Bool)]
    {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let fields = line.split(separator: "\t").map(String.init)
            guard fields.count >= 3 else { return nil }
            let a = descriptors[(folder as NSString).appendingPathComponent(fields[0])]
            let b = descriptors[(folder as NSString).appendingPathComponent(fields[1])]
            let distance = a.flatMap { a in b.map { pipeline.configuration.embedder.distance(a, $0) } }
            return (distance, fields[2] == "1")
        }
    }
}
