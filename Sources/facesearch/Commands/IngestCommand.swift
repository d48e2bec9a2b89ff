import ArgumentParser
import FaceSearch
import FaceStore
import Foundation
import VectorIndex

struct IngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Add photos (files and folders, recursively) to a collection.",
        discussion: """
            Idempotent and resumable: photos the collection already holds (same bytes) are skipped, \
            so re-running after an interruption finishes the job without duplicates.
            """
    )

    @Argument(help: "Photo files and folders.") var paths: [String]
    @Option(help: "The collection to add to (created when missing).") var collection: String
    @Option(
        help: """
            Metric of the collection when it is created: euclidean or cosine (default: the embedder's). \
            The collection is created with --detector and --embedder; adding to an existing collection \
            with others named is refused.
            """)
    var metric: DistanceMetric?
    @Flag(help: "Label each face with the name of the folder its photo is in.") var labelFromFolder = false
    @Flag(help: "Store only the largest face of each photo.") var largestFace = false
    @Option(help: "Store at most this many faces per photo (the largest).") var maxFaces: Int?
    @OptionGroup(title: "A new collection's vector index") var indexOptions: IndexOptions

    @Option(help: "Write the machine-readable report (every failure and why) to this JSON file.")
    var report: String?
    @OptionGroup var gallery: GalleryOptions
    @OptionGroup var pipelineOptions: PipelineOptions

    func validate() throws {
        if let maxFaces, maxFaces < 1 { throw ValidationError("--max-faces must be at least 1") }
    }

    func run() async throws {
        try await reportingFailures {
            let files = try PhotoFiles.find(under: paths)
            let engine = try await gallery.openEngine(pipelineOptions)
            _ = try await engine.collectionCreatingIfMissing(
                name: collection, metric: metric, models: pipelineOptions.explicitModels,
                index: try indexOptions.choice)
            let progress = ProgressPrinter(label: "ingest")
            let result = await Ingestor(engine: engine).run(
                files: files, into: collection,
                options: .init(
                    faces: largestFace ? .largest : .all, maxFaces: maxFaces, labelFromFolder: labelFromFolder
                ),
                progress: { state in
                    progress.update(
                        done: state.done, total: state.total,
                        details: "faces \(state.faces)  errors \(state.failed)")
                })
            progress.finish()
            // The next start then loads an HNSW graph instead of rebuilding it.
            try await engine.saveIndexes()
            printSummary(result)
            if let report { try writeJSON(result, to: report) }
        }
    }

    private func printSummary(_ result: IngestReport) {
        print(
            "\(result.files) files in \(result.seconds.formatted(1)) s (\(result.filesPerSecond.formatted(2)) files/s): "
                + "\(result.stored) stored with \(result.faces) faces (\(result.facesPerSecond.formatted(2)) faces/s), "
                + "\(result.alreadyStored) already stored, \(result.failures.count) failed")
        for (code, count) in result.failuresByCode.sorted(by: { $0.key < $1.key }) {
            print("  \(code): \(count)")
        }
        for failure in result.failures.prefix(20) { print("  \(failure.path): \(failure.message)") }
        if result.failures.count > 20 { print("  ... and \(result.failures.count - 20) more (see --report)") }
    }
}

/// Writes `value` as pretty JSON to `path`.
func writeJSON(_ value: some Encodable, to path: String) throws {
    try JSONCoding.pretty.encode(value).write(to: URL(fileURLWithPath: path))
}
