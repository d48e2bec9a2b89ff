import ArgumentParser
import FaceVision

struct DetectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "detect",
        abstract: "Find the faces in photos: boxes, detector confidence and 5 landmarks."
    )

    @Argument(help: "JPEG, PNG or WebP photos.")
    var images: [String]

    @Flag(help: "Print JSON instead of text.")
    var json = false

    @OptionGroup var pipelineOptions: PipelineOptions

    func run() async throws {
        let pipeline = try pipelineOptions.makePipeline(maxWorkers: images.count)
        let results = await analyzeAll(images, with: pipeline) { try await pipeline.detect($0) }
        if json {
            try printJSON(results.map(PhotoReport.init))
        } else {
            for (path, outcome) in results { printText(path: path, outcome: outcome) }
        }
        if results.contains(where: { (try? $0.1.get()) == nil }) { throw ExitCode.failure }
    }

    private func printText(path: String, outcome: Result<PhotoFaces, any Error>) {
        switch outcome {
        case .failure(let error):
            printError(explain(error, path: path))
        case .success(let photo):
            print("\(path): \(photo.width)x\(photo.height), \(photo.faces.count) face(s)")
            for (index, face) in photo.faces.enumerated() {
                print(
                    "  face \(index + 1): \(face.box.text), confidence \(face.confidence.formatted(3)) (\(face.detector.rawValue))"
                )
                print("    landmarks: " + face.landmarks.map { "(\($0.x), \($0.y))" }.joined(separator: " "))
            }
        }
    }
}

/// One photo's result in `--json` output.
struct PhotoReport: Encodable {
    let image: String
    let width: Int?
    let height: Int?
    let faces: [Face]?
    let error: JSONError?

    init(_ entry: (String, Result<PhotoFaces, any Error>)) {
        image = entry.0
        switch entry.1 {
        case .success(let photo):
            (width, height, faces, error) = (photo.width, photo.height, photo.faces, nil)
        case .failure(let failure):
            (width, height, faces, error) = (nil, nil, nil, JSONError(failure, path: entry.0))
        }
    }
}

/// Runs `work` on every photo concurrently (the pipeline's queue bounds the
/// parallelism) and returns the outcomes in the order of `paths`.
func analyzeAll(
    _ paths: [String], with pipeline: FacePipeline,
    _ work: @escaping @Sendable ([UInt8]) async throws -> PhotoFaces
) async -> [(String, Result<PhotoFaces, any Error>)] {
    var outcomes = [Result<PhotoFaces, any Error>?](repeating: nil, count: paths.count)
    await withTaskGroup(of: (Int, Result<PhotoFaces, any Error>).self) { group in
        var next = 0
        func startNext() {
            guard next < paths.count else { return }
            let index = next
            next += 1
            group.addTask {
                do { return (index, .success(try await work(try readPhoto(paths[index])))) } catch {
                    return (index, .failure(error))
                }
            }
        }
        for _ in 0..<min(paths.count, pipeline.queueCapacity) { startNext() }
        for await (index, outcome) in group {
            outcomes[index] = outcome
            startNext()
        }
    }
    return zip(paths, outcomes).map { ($0, $1!) }
}
