import ArgumentParser

@main
struct FaceSearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "facesearch",
        abstract: "Self-hosted face similarity search.",
        subcommands: [
            DetectCommand.self, EmbedCommand.self, CompareCommand.self, CollectionsCommand.self,
            IngestCommand.self,
            SearchCommand.self, FacesCommand.self, EvalCommand.self, BenchCommand.self,
            ServeCommand.self, KeysCommand.self, MilvusCommand.self,
        ]
    )
}
