import ArgumentParser
import FaceSearch
import VectorIndex

struct CollectionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collections",
        abstract: "Create, list, tune and delete collections.",
        subcommands: [Create.self, List.self, Delete.self, Reembed.self, Compact.self, SetEf.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an empty collection.",
            discussion: """
                Its photos are analysed with --detector and --embedder (default: the configured ones) for as \
                long as it lives; descriptors of different embedders are never mixed in one collection. \
                --index hnsw searches a graph instead of every face: for galleries of a hundred thousand \
                faces and more (docs/SCALING.md).
                """)
        @Argument(help: "The collection's name (letters, digits, - and _).") var name: String
        @Option(help: "Distance metric: euclidean or cosine (default: euclidean for dlib, cosine for sface).")
        var metric: DistanceMetric?
        @OptionGroup var indexOptions: IndexOptions
        @OptionGroup var gallery: GalleryOptions
        @OptionGroup var pipelineOptions: PipelineOptions

        func run() async throws {
            try await reportingFailures {
                let engine = try await gallery.openEngine(pipelineOptions)
                let summary = try await engine.createCollection(
                    name: name, metric: metric, models: pipelineOptions.configuration.models,
                    index: try indexOptions.choice)
                print(
                    "created collection \(summary.name) (\(summary.detector.rawValue), \(summary.embedder.rawValue), "
                        + "\(summary.metric.rawValue), \(summary.index.text))")
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
                        "\(c.name)\t\(c.detector.rawValue)/\(c.embedder.rawValue)\t\(c.metric.rawValue)\t\(c.index.kind)\t"
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

extension CollectionsCommand {
    struct Reembed: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute every face of a collection from its stored photos with other models.",
            discussion: """
                Names the new models with --embedder and --detector (a name alone brings a partner that works \
                with it). The collection keeps answering searches with its old descriptors until every photo \
                is done, then the new ones take its place in one transaction; it takes no writes meanwhile. \
                Resumable and crash-safe: run it again after an interruption (kill -9 included) and it goes \
                on from the photos already done; --cancel drops an interrupted re-embed instead.
                """)
        @Argument(help: "The collection's name.") var name: String
        @Flag(help: "Drop an interrupted re-embed of the collection (and accept writes again).") var cancel =
            false
        @Flag(help: "Print the report as JSON.") var json = false
        @OptionGroup var gallery: GalleryOptions
        @OptionGroup var pipelineOptions: PipelineOptions

        func validate() throws {
            if !cancel && pipelineOptions.explicitModels == nil {
                throw ValidationError("name the new models with --embedder and/or --detector")
            }
        }

        func run() async throws {
            try await reportingFailures {
                let engine = try await gallery.openEngine(pipelineOptions)
                if cancel {
                    let dropped = try await engine.cancelReembed(name)
                    print(dropped ? "cancelled the re-embed of \(name)" : "\(name) had no re-embed to cancel")
                    return
                }
                let models = pipelineOptions.configuration.models
                let progress = ProgressPrinter(label: "reembed")
                let report = try await engine.reembed(name, to: models) { step in
                    progress.update(done: step.done, total: step.total, details: "photos re-embedded")
                }
                progress.finish()
                if json { return try printJSON(report) }
                print(
                    "re-embedded \(name): \(report.from) -> \(report.to), \(report.photos) photos "
                        + "(\(report.analysedNow) analysed in this run), \(report.faces) faces; "
                        + "\(report.facesNotFoundAgain) faces not found again by the new models")
            }
        }
    }
}

extension CollectionsCommand {
    struct Compact: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rebuild an HNSW collection's graph without the room of deleted faces.",
            discussion: """
                A deleted face stays in an HNSW graph as a marked slot until the graph is rebuilt. The server \
                rebuilds a graph by itself when it saves it and deleted faces hold over a quarter of its \
                slots; this does it now. An exact collection has nothing to compact.
                """)
        @Argument(help: "The collection's name.") var name: String
        @Flag(help: "Print the report as JSON.") var json = false
        @OptionGroup var gallery: GalleryOptions
        @OptionGroup var pipelineOptions: PipelineOptions

        func run() async throws {
            try await reportingFailures {
                let report = try await gallery.openEngine(pipelineOptions).compactIndex(of: name)
                if json { return try printJSON(report) }
                print(
                    "compacted \(name) (\(report.index)): \(report.reclaimed) slots freed, \(report.faces) faces"
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
