import FaceSearchBench
import Foundation
import Logging
import MilvusClient
import VectorIndex

extension BenchIndexCommand {
    /// HNSW in Milvus: the vectors are written (ingest: adds/s), flushed and
    /// indexed (load s: the wait until every row is in the HNSW index), then
    /// searched at each width on the same collection, which is dropped at the
    /// end. With --milvus-pid, index MiB is the Milvus process's resident memory.
    func measureMilvus(_ dataset: BenchmarkDataset, configuration: IndexBenchmark.Configuration) throws
        -> [(IndexBenchmark.Report, Extra)]
    {
        let connection = try MilvusConnection(
            endpoint: MilvusEndpoint(milvus)!, timeout: .seconds(60), logger: Logger(label: "bench.milvus"))
        let name = "facesearch_bench_\(UInt32.random(in: 0...UInt32.max))"
        let widths = searchWidths
        func index(ef: Int) throws -> MilvusIndex {
            try MilvusIndex.open(
                name, connection: connection, dimension: dataset.dimension, metric: metric,
                layout: .hnsw(HNSWParameters(m: hnswM, efConstruction: hnswEfConstruction, ef: ef)))
        }
        let first = try index(ef: widths[0])
        defer { try? first.drop() }
        var settleSeconds = 0.0
        var report = try IndexBenchmark.run(
            dataset, index: first, configuration: configuration, progress: note
        ) { () throws(VectorIndexError) in
            note("flushing and waiting until Milvus has indexed every vector")
            let started = ContinuousClock.now
            try first.settle()
            settleSeconds = (ContinuousClock.now - started).seconds
        }
        if let milvusPid { report.indexBytes = Self.residentBytes(of: milvusPid) }
        var rows: [(IndexBenchmark.Report, Extra)] = []
        for width in widths {
            if width != widths[0] {
                report = try IndexBenchmark.remeasure(
                    report, dataset, index: try index(ef: width), configuration: configuration, progress: note
                )
            }
            rows.append((report, Extra(ef: "\(width)", loadSeconds: settleSeconds.formatted(3))))
        }
        return rows
    }

    /// VmRSS of a process, from /proc (0 when it cannot be read).
    static func residentBytes(of pid: Int32) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
            let kib = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        else { return 0 }
        return kib * 1024
    }
}
