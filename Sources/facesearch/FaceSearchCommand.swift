import ArgumentParser

@main
struct FaceSearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "facesearch",
        abstract: "Self-hosted face similarity search.",
        subcommands: [DetectCommand.self, EmbedCommand.self, CompareCommand.self, BenchCommand.self]
    )
}
