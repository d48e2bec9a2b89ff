import ArgumentParser
import FaceSearch

extension CollectionsCommand {
    struct SetEf: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-ef",
            abstract: "Change how many candidates an HNSW collection's searches explore (ef).",
            discussion: """
                More finds more of the true nearest faces and takes longer (docs/SCALING.md, "What ef \
                buys"). Nothing is rebuilt and the value is kept; m and ef_construction shape the graph and \
                cannot change. A server holding the gallery does it with PATCH /v1/collections/NAME.
                """)
        @Argument(help: "The collection's name.") var name: String
        @Argument(help: "The new ef, 1 to 4096.") var ef: Int
        @OptionGroup var gallery: GalleryOptions
        @OptionGroup var pipelineOptions: PipelineOptions

        func run() async throws {
            try await reportingFailures {
                let summary = try await gallery.openEngine(pipelineOptions).setSearchWidth(ef, of: name)
                print("\(summary.name): \(summary.index.text)")
            }
        }
    }
}
