import ArgumentParser
import FaceSearch
import MilvusClient

struct MilvusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "milvus",
        abstract: "Keep a gallery's vectors in Milvus in line with its store.",
        subcommands: [Sync.self])

    struct Sync: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Bring every collection's Milvus collection in line with the store.",
            discussion: """
                The store is the truth. Faces it holds that Milvus lacks are written to Milvus, vectors of \
                faces it does not hold are deleted, and the Milvus collections of deleted collections are \
                dropped; `serve --milvus` does the same at every start. With --rebuild, this store's Milvus \
                collections are dropped first and written again from the store (after a Milvus restored \
                from an old backup, or to apply new HNSW parameters). Needs --milvus or FACESEARCH_MILVUS.
                """)
        @Flag(help: "Drop this store's Milvus collections first and write them again from the store.")
        var rebuild = false
        @Flag(help: "Print the report as JSON.") var json = false
        @OptionGroup var gallery: GalleryOptions
        @OptionGroup var pipelineOptions: PipelineOptions

        func run() async throws {
            guard let endpoint = try gallery.milvusEndpoint() else {
                throw ValidationError("milvus sync needs --milvus HOST:PORT or FACESEARCH_MILVUS")
            }
            try await reportingFailures {
                if rebuild {
                    let connection = try MilvusConnection(endpoint: endpoint, logger: quietLogger)
                    let dropped = try await FaceSearchEngine.dropMilvusCollections(
                        ofStoreIn: gallery.data, connection: connection, logger: quietLogger)
                    await connection.close()
                    if !json { print("dropped \(dropped.count) Milvus collections of this store") }
                }
                let engine = try await gallery.openEngine(pipelineOptions)
                let reports = engine.openingRepairs
                if json { return try printJSON(reports) }
                for report in reports {
                    print("\(report.collection): \(report.added) vectors written, \(report.removed) removed")
                }
                print("Milvus at \(endpoint) holds every face of \(reports.count) collections")
            }
        }
    }
}
