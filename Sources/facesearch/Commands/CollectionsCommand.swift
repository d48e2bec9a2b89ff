import ArgumentParser
import FaceSearch
import VectorIndex

struct CollectionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collections",
        abstract: "Create, list and delete collections.",
        subcommands: [Create.self, List.self, Delete.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an empty collection.",
            discussion: """
                Its photos are analysed with --detector and --embedder (default: the configured ones) for as \
                long as it lives; descriptors of different embedders are never mixed in one collection.
                """)
        @Argument(help: "The collection's name (letters, digits, - and _).") var name: String
        @Option(help: "Distance metric: euclidean or cosine (default: euclidean for dlib, cosine for sface).")
        var metric: DistanceMetric?
        @OptionGroup var gallery: GalleryOptions
        @OptionGroup var pipelineOptions: PipelineOptions

        func run() async throws {
            try await reportingFailures {
                let engine = try await gallery.openEngine(pipelineOptions)
                let summary = try await engine.createCollection(
                    name: name, metric: metric, models: pipelineOptions.configuration.models)
                print(
                    "created collection \(summary.name) (\(summary.detector.rawValue), \(summary.embedder.rawValue), "
                        + "\(summary.metric.rawValue))")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List collections with their counts.")
        @Flag(help: "Print JSON instead of text.") var json = false
        @OptionGroup var gallery: GalleryOptions
        @OptionGroup var pipelineOptions: PipelineOptions

        func run() async throws {
            try await reportingFailures {
                let collections = try await gallery.openEngine(pipelineOptions).collections()
                if json { return try printJSON(collections) }
                for c in collections {
                    print(
                        "\(c.name)\t\(c.detector.rawValue)/\(c.embedder.rawValue)\t\(c.metric.rawValue)\t"
                            + "\(c.images) photos\t\(c.faces) faces\t\(c.labels) labels"
                    )
                }
            }
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete a collection, its faces and photos.")
        @Argument(help: "The collection's name.") var name: String
        @OptionGroup var gallery: GalleryOptions
        @OptionGroup var pipelineOptions: PipelineOptions

        func run() async throws {
            try await reportingFailures {
                let result = try await gallery.openEngine(pipelineOptions).deleteCollection(name)
                print(
                    "deleted collection \(name): \(result.faceIDs.count) faces, \(result.imageIDs.count) photos"
                )
            }
        }
    }
}

extension DistanceMetric: ExpressibleByArgument {}

/// Runs `body`; any failure becomes one line on standard error and exit status 1.
func reportingFailures(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as ExitCode {
        throw error
    } catch {
        printError(explain(error, path: nil))
        throw ExitCode.failure
    }
}
