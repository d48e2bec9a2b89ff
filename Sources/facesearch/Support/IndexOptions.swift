import ArgumentParser
import FaceSearch
import VectorIndex

/// The vector index of a new collection: `--index` and HNSW's parameters.
struct IndexOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The collection's vector index: exact or hnsw.",
            discussion: "exact scores every face; hnsw is approximate and far faster on large galleries "
                + "(docs/SCALING.md)."))
    var index = "exact"

    @Option(help: "HNSW: links per node (2-128).")
    var hnswM = HNSWParameters.default.m

    @Option(help: "HNSW: candidates considered per insertion (8-2048).")
    var hnswEfConstruction = HNSWParameters.default.efConstruction

    @Option(help: "HNSW: candidates explored per search (1-4096; more finds more true neighbours, slower).")
    var hnswEf = HNSWParameters.default.ef

    /// The choice the options describe.
    var choice: IndexChoice {
        get throws {
            let parameters = HNSWParameters(m: hnswM, efConstruction: hnswEfConstruction, ef: hnswEf)
            guard let choice = IndexChoice.named(index, parameters: parameters) else {
                throw ValidationError("--index must be exact or hnsw, not \(index)")
            }
            if let problem = choice.problem { throw ValidationError(problem) }
            return choice
        }
    }

    func validate() throws { _ = try choice }
}
