import ArgumentParser
import FaceVision

struct EmbedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed",
        abstract: "Print the 128-D descriptor of every face in a photo."
    )

    @Argument(help: "A JPEG, PNG or WebP photo.")
    var image: String

    @Flag(help: "Print JSON instead of text.")
    var json = false

    @OptionGroup var pipelineOptions: PipelineOptions

    func run() async throws {
        let pipeline = try pipelineOptions.makePipeline(maxWorkers: 1)
        let photo: PhotoFaces
        do {
            photo = try await pipeline.analyze(try readPhoto(image))
        } catch {
            printError(explain(error, path: image))
            throw ExitCode.failure
        }
        if json {
            try printJSON(PhotoReport((image, .success(photo))))
            return
        }
        print("\(image): \(photo.width)x\(photo.height), \(photo.faces.count) face(s)")
        for (index, face) in photo.faces.enumerated() {
            print("face \(index + 1): \(face.box.text)")
            let values = face.descriptor?.values.map { String(format: "%.6f", $0) } ?? []
            for row in stride(from: 0, to: values.count, by: 8) {
                print("  " + values[row..<min(row + 8, values.count)].joined(separator: " "))
            }
        }
    }
}
