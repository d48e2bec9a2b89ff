import ArgumentParser
import FaceSearch
import FaceSearchServer
import FaceStore

struct FacesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "faces",
        abstract: "List, show and delete the faces of a collection.",
        subcommands: [List.self, Show.self, Delete.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List faces, oldest first, a page at a time.")
        @Option(help: "The collection.") var collection: String
        @Option(help: "Only faces with this label.") var label: String?
        @Option(help: "Only faces with this external id.") var externalId: String?
        @Option(help: "Only faces whose metadata has key=value (repeatable).") var filter: [String] = []
        @Option(help: "Faces per page (1 to 1000).") var limit = 50
        @Option(help: "Start after this face id (the last id of the previous page).") var after: Int64?
        @Flag(help: "Print JSON instead of text.") var json = false
        @OptionGroup var gallery: GalleryOptions
        @OptionGroup var pipelineOptions: PipelineOptions

        func run() async throws {
            try await reportingFailures {
                let filter = FaceFilter(
                    label: label, externalID: externalId, metadata: try parseMetadataFilters(filter))
                let engine = try await gallery.openEngine(pipelineOptions)
                let faces = try await engine.faces(
                    in: collection, filter: filter, limit: limit, afterID: after)
                if json { return try printJSON(faces.map(FaceJSON.Stored.init)) }
                for face in faces {
                    print(
                        "\(face.id)\tphoto \(face.imageID)\tlabel \(face.label ?? "-")\tquality \(face.quality.formatted(2))"
                    )
                }
                if faces.count == limit, let last = faces.last { print("more: --after \(last.id)") }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one face and its photo.")
        @Argument(help: "The face id.") var id: Int64
        @Option(help: "The collection.") var collection: String
        @OptionGroup var gallery: GalleryOptions
        @OptionGroup var pipelineOptions: PipelineOptions

        func run() async throws {
            try await reportingFailures {
                let engine = try await gallery.openEngine(pipelineOptions)
                let face = try await engine.face(id, in: collection)
                try printJSON(FaceJSON.Stored(face))
                if let photo = try await engine.originalPhoto(id: face.imageID) {
                    print("photo: \(photo.file.path)")
                }
            }
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete faces by id, or everything about one person by label or external id.")
        @Argument(help: "Face ids.") var ids: [Int64] = []
        @Option(help: "The collection.") var collection: String
        @Option(help: "Delete every face with this label, and their photos.") var label: String?
        @Option(help: "Delete every face with this external id, and their photos.") var externalId: String?
        @OptionGroup var gallery: GalleryOptions
        @OptionGroup var pipelineOptions: PipelineOptions

        func validate() throws {
            let ways = (ids.isEmpty ? 0 : 1) + (label == nil ? 0 : 1) + (externalId == nil ? 0 : 1)
            if ways != 1 {
                throw ValidationError("give face ids, or --label, or --external-id (one of them)")
            }
        }

        func run() async throws {
            try await reportingFailures {
                let engine = try await gallery.openEngine(pipelineOptions)
                var faces = 0
                var photos = 0
                if ids.isEmpty {
                    let result = try await engine.deleteFaces(
                        in: collection, matching: FaceFilter(label: label, externalID: externalId))
                    (faces, photos) = (result.faceIDs.count, result.imageIDs.count)
                } else {
                    for id in ids {
                        let result = try await engine.deleteFace(id, in: collection)
                        faces += result.faceIDs.count
                        photos += result.imageIDs.count
                    }
                }
                print("deleted \(faces) face(s) and \(photos) photo(s)")
            }
        }
    }
}
