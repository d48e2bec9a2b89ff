import ArgumentParser
import FaceSearch
import FaceSearchBench
import Foundation

struct EvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Identification and verification quality on a folder of identity folders.",
        discussion: """
            Each sub-folder holds the photos of one person. Leave-one-out rank-1 and rank-5 identification \
            use the largest face of each photo; a pairs.tsv (path_a, path_b, same) beside the folders adds \
            verification figures. Photos where no face was found are counted and listed.
            """
    )

    @Argument(help: "A folder of identity folders.") var folder: String
    @Flag(help: "Print JSON instead of text.") var json = false
    @OptionGroup var pipelineOptions: PipelineOptions

    func run() async throws {
        try await reportingFailures {
            let pipeline = try pipelineOptions.makePipeline()
            let progress = ProgressPrinter(label: "eval")
            let report = try await Evaluator(pipeline: pipeline).run(folder: folder) { done, total in
                progress.update(done: done, total: total, details: "photos described")
            }
            progress.finish()
            if json { return try printJSON(report) }
            printText(report)
        }
    }

    private func printText(_ report: Evaluator.Report) {
        let percent = { (100 * $0).formatted(1) + "%" }
        print("embedder \(report.embedder) (\(report.embedder == "dlib" ? "euclidean" : "cosine") distance)")
        print(
            "\(report.photos) photos of \(report.identities) people; a face in \(report.photosWithFace), "
                + "none in \(report.noFace.count), failed \(report.failures.count) "
                + "(\(report.seconds.formatted(1)) s to describe)")
        print(
            "identification (leave-one-out, \(report.identificationQueries) queries): "
                + "rank-1 \(percent(report.rank1)), rank-5 \(percent(report.rank5))")
        if let pairs = report.pairs { printVerification("pairs.tsv", pairs, report, percent) }
        printVerification("all pairs", report.allPairs, report, percent)
        for path in report.noFace { print("no face: \(path)") }
        for failure in report.failures { print("failed: \(failure.path): \(failure.message)") }
    }

    private func printVerification(
        _ name: String, _ m: VerificationMetrics, _ report: Evaluator.Report, _ percent: (Double) -> String
    ) {
        print(
            "verification on \(name) (\(m.genuinePairs) same, \(m.impostorPairs) different, "
                + "\(m.pairsWithMissingFace) with a missing face):")
        print(
            "  at \(report.embedder)'s distance \(report.defaultThreshold.formatted(3)) (score 0.5): accuracy \(percent(m.accuracyAtDefault)), "
                + "TAR \(percent(m.tarAtDefault)), FAR \((100 * m.farAtDefault).formatted(3))%; "
                + "best \(percent(m.bestAccuracy)) at distance \(m.bestThreshold.formatted(3))")
        print(
            "  TAR at FAR 0.1%: \(percent(m.tarAtFAR0001)) (distance < \(m.thresholdAtFAR0001.formatted(3))); "
                + "at FAR 1%: \(percent(m.tarAtFAR001)) (distance < \(m.thresholdAtFAR001.formatted(3)))")
    }
}
