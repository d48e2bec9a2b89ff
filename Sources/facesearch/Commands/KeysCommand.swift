import ArgumentParser
import FaceStore
import Foundation

extension APIKeyScope: ExpressibleByArgument {}

struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Create, list and revoke the API keys of `facesearch serve`.",
        subcommands: [Create.self, List.self, Revoke.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a key and print it once: only its hash is stored.")
        @Option(help: "Who or what uses the key.") var name: String
        @Option(help: "search, write (includes search) or admin (includes write).") var scope: APIKeyScope
        @OptionGroup var gallery: GalleryOptions

        func run() async throws {
            try await reportingFailures {
                let (record, secret) = try await gallery.openStore().createKey(name: name, scope: scope)
                print(secret)
                printError("created key \(record.id) (\(record.scope.rawValue)); it is not shown again")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List keys (never their secrets).")
        @Flag(help: "Print JSON instead of text.") var json = false
        @OptionGroup var gallery: GalleryOptions

        func run() async throws {
            try await reportingFailures {
                let keys = try await gallery.openStore().keys()
                if json {
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                    encoder.dateEncodingStrategy = .iso8601
                    return print(String(decoding: try encoder.encode(keys), as: UTF8.self))
                }
                let dates = ISO8601DateFormatter()
                for key in keys {
                    let state = key.revokedAt.map { "revoked \(dates.string(from: $0))" } ?? "active"
                    print(
                        "\(key.id)\t\(key.scope.rawValue)\t\(dates.string(from: key.createdAt))\t\(state)\t\(key.name)"
                    )
                }
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke a key (stop the server first: it holds the store).")
        @Argument(help: "The key's id (the 16 hex digits after fsk_).") var id: String
        @OptionGroup var gallery: GalleryOptions

        func run() async throws {
            try await reportingFailures {
                guard try await gallery.openStore().revokeKey(id: id) else {
                    throw CommandFailure(description: "no active key has the id \(id)")
                }
                print("revoked key \(id)")
            }
        }
    }
}
