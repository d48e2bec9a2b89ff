import ArgumentParser
import FaceStore
import Foundation

extension APIKeyScope: ExpressibleByArgument {}

struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Create, list and revoke the API keys of `facesearch serve`.",
        discussion: """
            These commands work while the server runs on the same data folder: a new or revoked key \
            counts from the server's next request.
            """,
        subcommands: [Create.self, List.self, Revoke.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a key and print it once: only its hash is stored.")
        @Option(help: "Who or what uses the key.") var name: String
        @Option(help: "search, write (includes search) or admin (includes write).") var scope: APIKeyScope
        @Option(
            name: .customLong("collection"),
            help: "Limit the key to this collection (repeatable; not for admin keys). Default: all.")
        var collections: [String] = []
        @OptionGroup var gallery: GalleryOptions

        func run() async throws {
            try await reportingFailures {
                let (record, secret) = try await gallery.openKeyRing().create(
                    name: name, scope: scope, collections: collections.isEmpty ? nil : collections)
                print(secret)
                let reach =
                    record.collections.map { "collections " + $0.joined(separator: ", ") }
                    ?? "all collections"
                printError(
                    "created key \(record.id) (\(record.scope.rawValue), \(reach)); it is not shown again")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List keys (never their secrets).")
        @Flag(help: "Print JSON instead of text.") var json = false
        @OptionGroup var gallery: GalleryOptions

        func run() async throws {
            try await reportingFailures {
                let keys = try await gallery.openKeyRing().all()
                if json {
                    return try printJSON(keys)
                }
                let dates = ISO8601DateFormatter()
                for key in keys {
                    let state = key.revokedAt.map { "revoked \(dates.string(from: $0))" } ?? "active"
                    let reach = key.collections?.joined(separator: ",") ?? "*"
                    print(
                        [
                            key.id, key.scope.rawValue, reach, dates.string(from: key.createdAt), state,
                            key.name,
                        ]
                        .joined(separator: "\t"))
                }
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke a key; a running server refuses it from its next request.")
        @Argument(help: "The key's id (the 16 hex digits after fsk_).") var id: String
        @OptionGroup var gallery: GalleryOptions

        func run() async throws {
            try await reportingFailures {
                guard try await gallery.openKeyRing().revoke(id: id) else {
                    throw CommandFailure(description: "no active key has the id \(id)")
                }
                print("revoked key \(id)")
            }
        }
    }
}
