import ArgumentParser
import FaceSearchBench
import Foundation
import MilvusClient
import VectorIndex

struct BenchIndexCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract:
            "Build time, memory, latency, throughput and recall of a vector index on generated or real vectors."
    )

    enum IndexKind: String, ExpressibleByArgument, CaseIterable {
        case exact, hnsw, milvus
    }

    enum DataKind: String, ExpressibleByArgument, CaseIterable {
        case random, clustered, both
    }

    @Option(help: "Vectors in the gallery.")
    var count = 1_000_000

    @Option(help: "Values per vector.")
    var dim = 128

    @Option(help: "Data: random (uniform unit vectors), clustered (face-shaped) or both.")
    var kind: DataKind = .both

    @Option(help: "Neighbours per query.")
    var k = 10

    @Option(help: "Thread counts to time the batch with, comma-separated.")
    var threads = "1,2"

    @Option(help: "Distance metric: euclidean or cosine.")
    var metric: DistanceMetric = .euclidean

    @Option(help: "Single queries timed for the latency percentiles.")
    var queries = 500

    @Option(help: "Queries in the batch timed for throughput.")
    var batch = 1000

    @Option(help: "Queries checked against brute force for recall.")
    var recallQueries = 50

    @Option(
        help: "The index measured: exact, hnsw, or milvus (HNSW in Milvus, with the --hnsw-* parameters).")
    var index: IndexKind = .exact

    @Option(help: "Milvus, HOST:PORT, for --index milvus (default: $FACESEARCH_MILVUS).")
    var milvus = ProcessInfo.processInfo.environment["FACESEARCH_MILVUS"] ?? ""

    @Option(
        help: "The Milvus server's process id, to report its memory (index MiB: its RSS after the build).")
    var milvusPid: Int32?

    @Option(help: "HNSW: links per node.")
    var hnswM = HNSWParameters.default.m

    @Option(help: "HNSW: candidates per insertion.")
    var hnswEfConstruction = HNSWParameters.default.efConstruction

    @Option(help: "HNSW: search widths to measure, comma-separated (one row each; the graph is built once).")
    var hnswEf = "\(HNSWParameters.default.ef)"

    @Flag(
        inversion: .prefixedNo,
        help: ArgumentHelp(
            "HNSW: link the vectors no search can reach back in after the build, as the service does.",
            discussion: "The unreachable column counts them before; relink s is the time it took."))
    var hnswRelink = true

    @Flag(
        inversion: .prefixedNo,
        help: ArgumentHelp(
            "HNSW: ask the kernel for huge pages for the graph's bottom layer, as the service does.",
            discussion: "--no-hnsw-huge-pages keeps the graph on small pages, to measure what they buy."))
    var hnswHugePages = true

    @Flag(
        inversion: .prefixedNo,
        help: ArgumentHelp(
            "HNSW: walk the graph on one-byte codes of the vectors and score on the floats, as the service does.",
            discussion: "--no-hnsw-codes walks it on the floats, to measure what codes buy."))
    var hnswCodes = true

    @Option(
        help: ArgumentHelp(
            "Measure on the vectors of PREFIX.base.fvecs and PREFIX.query.fvecs instead of generated ones.",
            discussion: "bench/real_descriptors.py writes real face descriptors in that form."))
    var vectors: String?

    @Option(
        help: ArgumentHelp(
            "The same-person distance for the match recall column (default: 0.6 for generated data, "
                + "dlib's line; none for --vectors).",
            discussion:
                "For unit-length SFace vectors under L2, SFace's line (cosine similarity 0.363) is 1.128."))
    var matchDistance: Double?

    @Option(help: "Seed of the generated data.")
    var seed: UInt64 = 1

    @Option(help: "Write the rows as CSV to this file as well.")
    var csv: String?

    @Option(help: "Write every single query's latency as CSV (kind, count, query, ms) to this file.")
    var latencies: String?

    @Option(
        help: ArgumentHelp(
            "Save the generated vectors in this folder, for other indexes to be measured on the same data.",
            discussion: """
                Writes KIND-COUNT-DIM-seedSEED.base.fvecs and .query.fvecs (the ANN benchmarks' format), \
                and .identities.i32 for clustered data.
                """))
    var saveVectors: String?

    private var threadCounts: [Int] { threads.split(separator: ",").compactMap { Int($0) } }
    var searchWidths: [Int] { hnswEf.split(separator: ",").compactMap { Int($0) } }

    func validate() throws {
        if count < 1 || dim < 1 || k < 1 {
            throw ValidationError("--count, --dim and --k must be at least 1")
        }
        if queries < 1 || batch < 1 || recallQueries < 0 {
            throw ValidationError("--queries and --batch must be at least 1, --recall-queries at least 0")
        }
        if threadCounts.isEmpty || threadCounts.contains(where: { $0 < 1 }) {
            throw ValidationError("--threads must be positive numbers separated by commas, not \(threads)")
        }
        let widths = searchWidths
        if widths.isEmpty || widths.contains(where: { !(1...4096).contains($0) }) {
            throw ValidationError(
                "--hnsw-ef must be numbers from 1 to 4096 separated by commas, not \(hnswEf)")
        }
        if let problem = HNSWParameters(m: hnswM, efConstruction: hnswEfConstruction).problem {
            throw ValidationError(problem)
        }
        if index == .milvus && MilvusEndpoint(milvus) == nil {
            throw ValidationError(
                "--index milvus needs --milvus HOST:PORT (or FACESEARCH_MILVUS), not '\(milvus)'")
        }
    }

    func run() async throws {
        var configuration = IndexBenchmark.Configuration()
        configuration.k = k
        configuration.latencyQueries = queries
        configuration.batchQueries = batch
        configuration.threadCounts = threadCounts
        configuration.recallQueries = recallQueries
        configuration.matchDistance = matchDistance ?? (vectors == nil ? 0.6 : nil)
        let kinds =
            vectors != nil
            ? [.real]
            : BenchmarkDataset.Kind.generated.filter { kind == .both || $0.rawValue == kind.rawValue }
        let queryCount = max(queries, batch, recallQueries)
        print(
            "\(index.rawValue) index, \(dim)-D, \(metric.rawValue), k \(k), \(queries) single queries, "
                + "batch of \(batch); distance kernels: \(HNSWIndex.kernelName)")
        var csvLines: [String] = []
        var footnotes: [String] = []
        var latencyLines = ["kind,count,ef,query,ms"]
        for kind in kinds {
            let dataset = try dataset(kind, queryCount: queryCount)
            if kind == .clustered { footnotes.append(describeDistances(dataset)) }
            for (report, extra) in try measure(dataset, configuration: configuration) {
                let figures = figures(report, extra: extra)
                if csvLines.isEmpty {
                    print(row(figures.compactMap(\.title), widths: figures.compactMap(\.title)))
                    csvLines.append(figures.map(\.csv).joined(separator: ","))
                }
                let shown = figures.filter { $0.title != nil }
                print(row(shown.map(\.value), widths: shown.compactMap(\.title)))
                csvLines.append(figures.map(\.value).joined(separator: ","))
                latencyLines += report.latencies.enumerated().map {
                    "\(kind.rawValue),\(report.count),\(extra.ef),\($0.offset),\(($0.element * 1000).formatted(4))"
                }
            }
        }
        for footnote in footnotes { print(footnote) }
        if let csv {
            try (csvLines.joined(separator: "\n") + "\n").write(
                toFile: csv, atomically: true, encoding: .utf8)
        }
        if let latencies {
            try (latencyLines.joined(separator: "\n") + "\n").write(
                toFile: latencies, atomically: true, encoding: .utf8)
        }
    }

    /// What an HNSW row adds to a report: its search width, the seconds to
    /// load the saved graph, and the vectors the build left unreachable with
    /// the seconds it took to link them in (empty when not relinked).
    struct Extra {
        var ef = ""
        var loadSeconds = ""
        var unreachable = ""
        var relinkSeconds = ""
    }

    /// The dataset of a kind: read from --vectors, or generated (and saved with --save-vectors).
    private func dataset(_ kind: BenchmarkDataset.Kind, queryCount: Int) throws -> BenchmarkDataset {
        if let vectors {
            guard let dataset = BenchmarkDataset(fvecsPrefix: vectors) else {
                throw CommandFailure(
                    description: "\(vectors).base.fvecs and .query.fvecs are missing or malformed")
            }
            note(
                "read \(dataset.count) vectors of \(dataset.dimension) values and \(dataset.queryCount) queries"
            )
            return dataset
        }
        note("generating \(count) \(kind.rawValue) vectors of \(dim) values and \(queryCount) queries")
        let dataset = BenchmarkDataset.generate(
            kind, count: count, queries: queryCount, dimension: dim, seed: seed)!
        if let saveVectors {
            let prefix = "\(saveVectors)/\(kind.rawValue)-\(count)-\(dim)-seed\(seed)"
            note("saving the vectors as \(prefix).base.fvecs and .query.fvecs")
            try FileManager.default.createDirectory(atPath: saveVectors, withIntermediateDirectories: true)
            try dataset.writeFvecs(prefix: prefix)
        }
        return dataset
    }

    /// The exact index's report, or one per search width of an HNSW graph built once.
    private func measure(_ dataset: BenchmarkDataset, configuration: IndexBenchmark.Configuration) throws
        -> [(IndexBenchmark.Report, Extra)]
    {
        switch index {
        case .exact:
            let exact = ExactIndex(dimension: dataset.dimension, metric: metric)
            return [
                (
                    try IndexBenchmark.run(
                        dataset, index: exact, configuration: configuration, progress: note), Extra()
                )
            ]
        case .hnsw:
            let widths = searchWidths
            let parameters = HNSWParameters(m: hnswM, efConstruction: hnswEfConstruction, ef: widths[0])
            HNSWIndex.useHugePages(hnswHugePages)
            HNSWIndex.useCodes(hnswCodes)
            let hnsw = try HNSWIndex(
                dimension: dataset.dimension, metric: metric, parameters: parameters, capacity: dataset.count)
            var extra = Extra()
            var report = try IndexBenchmark.run(
                dataset, index: hnsw, configuration: configuration, progress: note
            ) { () throws(VectorIndexError) in
                extra.unreachable = "\(hnsw.unreachableCount)"
                note(
                    "\(extra.unreachable) vectors no search can reach; huge pages: \(hnsw.onHugePages ? "yes" : "no"); walked on \(hnsw.navigatesOnCodes ? "codes" : "floats")"
                )
                guard hnswRelink else { return }
                let clock = ContinuousClock.now
                let linked = try hnsw.relink()
                extra.relinkSeconds = (ContinuousClock.now - clock).seconds.formatted(3)
                note(
                    "relinked \(linked) in \(extra.relinkSeconds) s; \(hnsw.unreachableCount) left unreachable"
                )
            }
            extra.loadSeconds = try timeLoading(hnsw).formatted(3)
            var rows: [(IndexBenchmark.Report, Extra)] = []
            for width in widths {
                try hnsw.setSearchWidth(width)
                if width != widths[0] {
                    report = try IndexBenchmark.remeasure(
                        report, dataset, index: hnsw, configuration: configuration, progress: note)
                }
                extra.ef = "\(width)"
                rows.append((report, extra))
            }
            return rows
        case .milvus:
            return try measureMilvus(dataset, configuration: configuration)
        }
    }

    /// Saves the graph to a temporary file and times loading it back.
    private func timeLoading(_ hnsw: HNSWIndex) throws -> Double {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bench-\(UUID()).hnsw").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        note("saving the graph and timing its load")
        try hnsw.save(to: path)
        let clock = ContinuousClock.now
        let loaded = try HNSWIndex.load(from: path, dimension: hnsw.dimension, metric: hnsw.metric)
        let seconds = (ContinuousClock.now - clock).seconds
        guard loaded.count == hnsw.count else {
            throw CommandFailure(
                description: "the loaded graph holds \(loaded.count) vectors, not \(hnsw.count)")
        }
        return seconds
    }

    /// A report's figures: CSV column, table title (nil: CSV only) and value.
    private func figures(_ report: IndexBenchmark.Report, extra: Extra) -> [(
        csv: String, title: String?, value: String
    )] {
        typealias Figure = (csv: String, title: String?, value: String)
        let mib = { (bytes: Int) in (Double(bytes) / 1_048_576).formatted(0) }
        let ms = { (seconds: Double) in (seconds * 1000).formatted(2) }
        let m = index == .exact ? "" : "\(hnswM)"
        let efConstruction = index == .exact ? "" : "\(hnswEfConstruction)"
        let shape: [Figure] = [
            ("kind", "kind", report.kind.rawValue), ("count", "count", "\(report.count)"),
            ("dim", nil, "\(report.dimension)"), ("metric", nil, report.metric.rawValue),
            ("k", nil, "\(report.k)"), ("index", nil, index.rawValue), ("m", nil, m),
            ("ef_construction", nil, efConstruction), ("ef", "ef", extra.ef),
        ]
        let build: [Figure] = [
            ("build_s", "build s", report.buildSeconds.formatted(2)), ("load_s", "load s", extra.loadSeconds),
            ("adds_per_s", "adds/s", report.addsPerSecond.formatted(0)),
            ("index_mib", "index MiB", mib(report.indexBytes)),
            ("rss_before_mib", "RSS before", mib(report.residentBytesBefore)),
            ("rss_after_mib", "RSS after", mib(report.residentBytesAfter)),
            ("unreachable", "unreachable", extra.unreachable), ("relink_s", "relink s", extra.relinkSeconds),
        ]
        let search: [Figure] = [
            ("p50_ms", "p50 ms", ms(report.latencyP50)), ("p99_ms", "p99 ms", ms(report.latencyP99)),
            ("filtered_p50_ms", "filtered p50", ms(report.filteredLatencyP50)),
        ]
        let throughput: [Figure] = report.throughput.map {
            ("qps_\($0.threads)t", "q/s \($0.threads)t", $0.queriesPerSecond.formatted(1))
        }
        let recall: [Figure] = [
            ("recall", "recall@\(report.k)", report.recall.formatted(4)),
            ("match_recall", "match recall", report.matchRecall.map { $0.formatted(4) } ?? ""),
        ]
        return shape + build + search + throughput + recall
    }

    /// Cells padded to their column's title (at least 9 wide), the last one not.
    private func row(_ cells: [String], widths titles: [String]) -> String {
        let padded = zip(cells, titles).map {
            $0.padding(toLength: max($1.count, 9), withPad: " ", startingAt: 0)
        }
        return (padded.dropLast() + cells.suffix(1)).joined(separator: " ")
    }

    private func describeDistances(_ dataset: BenchmarkDataset) -> String {
        let (same, different) = dataset.identityDistances(pairs: 2000, seed: seed)
        let quantiles = { (values: [Float]) in
            [0.1, 0.5, 0.9].map { Double(values[Int($0 * Double(values.count - 1))]).formatted(2) }
                .joined(separator: "/")
        }
        guard !same.isEmpty, !different.isEmpty else { return "clustered data: too small to profile" }
        return
            "clustered data, L2 p10/p50/p90: same identity \(quantiles(same)), different \(quantiles(different))"
    }

    func note(_ line: String) {
        FileHandle.standardError.write(Data("bench index: \(line)\n".utf8))
    }
}
