import ArgumentParser
import FaceSearch
import FaceStore
import Foundation

struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Find the most similar faces of a collection for every face in a photo."
    )

    @Argument(help: "The query photo.") var image: String
    @Option(help: "The collection to search.") var collection: String
    @Option(name: [.customShort("k"), .long], help: "Matches per face.") var topK = 5
    @Option(help: "The least score (0 to 1) a match needs; default \(FaceSearchEngine.defaultThreshold).")
    var threshold: Double?
    @Option(help: "Only faces with this label.") var label: String?
    @Option(help: "Only faces whose metadata has key=value (repeatable).") var filter: [String] = []
    @Flag(help: "Search only the largest face of the photo.") var largestFace = false
    @Flag(help: "Print JSON instead of text.") var json = false
    @OptionGroup var gallery: GalleryOptions
    @OptionGroup var pipelineOptions: PipelineOptions

    func run() async throws {
        try await reportingFailures {
            let options = SearchOptions(
                topK: topK, threshold: threshold, label: label, metadata: try parseMetadataFilters(filter),
                faces: largestFace ? .largest : .all)
            let bytes = try readPhoto(image)
            let engine = try await gallery.openEngine(pipelineOptions)
            let result: SearchResult
            do {
                result = try await engine.search(photo: bytes, in: collection, options: options)
            } catch {
                throw CommandFailure(description: explain(error, path: image))
            }
            if json { return try printJSON(result) }
            try await printText(result, engine: engine)
        }
    }

    private func printText(_ result: SearchResult, engine: FaceSearchEngine) async throws {
        print("\(image): \(result.faces.count) face(s), threshold \(result.threshold.formatted(2))")
        for (index, face) in result.faces.enumerated() {
            print("face \(index + 1): \(face.box.text)")
            if face.matches.isEmpty { print("  no match") }
            for match in face.matches {
                let photo = try await engine.originalPhoto(id: match.imageID)
                let source = photo.map { $0.externalID ?? $0.file.path } ?? "?"
                var line =
                    "  score \(match.score.formatted(3))  distance \(match.distance.formatted(4))  "
                    + "face \(match.faceID)  label \(match.label ?? "-")  \(source)"
                if let metadata = match.metadata, !metadata.isEmpty { line += "  \(jsonText(metadata))" }
                print(line)
            }
        }
    }
}

/// Compact JSON text of a metadata object, for one-line output.
func jsonText(_ value: some Encodable) -> String {
    (try? JSONCoding.text(value)) ?? ""
}
