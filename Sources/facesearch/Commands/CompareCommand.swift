import ArgumentParser
import FaceVision

struct CompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare the largest face of two photos: distance and same-person verdict."
    )

    @Argument(help: "The first photo.")
    var first: String

    @Argument(help: "The second photo.")
    var second: String

    @Option(
        help: """
            Distance at or below which the faces are the same person (default: the embedder's; \
            dlib 0.6 euclidean, sface 0.637 cosine).
            """)
    var threshold: Double?

    @Flag(help: "Print JSON instead of text.")
    var json = false

    @OptionGroup var pipelineOptions: PipelineOptions

    func validate() throws {
        if let threshold, !(0...2).contains(threshold) {
            throw ValidationError("--threshold must be between 0 and 2")
        }
    }

    func run() async throws {
        let pipeline = try pipelineOptions.makePipeline(maxWorkers: 2)
        async let firstFace = largestFace(in: first, pipeline: pipeline)
        async let secondFace = largestFace(in: second, pipeline: pipeline)
        let faces: (Face, Face)
        do {
            faces = try await (firstFace, secondFace)
        } catch {
            printError("\(error)")
            throw ExitCode.failure
        }
        guard let a = faces.0.descriptor, let b = faces.1.descriptor else { throw ExitCode.failure }
        let embedder = pipeline.configuration.embedder
        let threshold = threshold ?? embedder.samePersonDistance
        let distance = embedder.distance(a, b)
        let same = distance <= threshold
        if json {
            try printJSON(
                Comparison(
                    first: first, second: second, embedder: embedder.rawValue, metric: embedder.distanceName,
                    distance: distance, threshold: threshold, samePerson: same))
        } else {
            print(
                "\(embedder.distanceName) distance \(distance.formatted(4)) (\(embedder.rawValue), "
                    + "threshold \(threshold.formatted(3))): "
                    + (same ? "same person" : "different people"))
        }
    }

    private func largestFace(in path: String, pipeline: FacePipeline) async throws -> Face {
        let photo: PhotoFaces
        do { photo = try await pipeline.analyze(try readPhoto(path)) } catch {
            throw CommandFailure(description: explain(error, path: path))
        }
        guard let face = photo.largestFace else {
            throw CommandFailure(description: "\(path): no face found")
        }
        return face
    }

    private struct Comparison: Encodable {
        let first: String
        let second: String
        let embedder: String
        let metric: String
        let distance: Double
        let threshold: Double
        let samePerson: Bool
    }
}
