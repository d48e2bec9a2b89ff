import ArgumentParser
import FaceSearchBench
import FaceVision
import Foundation

struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmark programs that print their figures.",
        subcommands: [BenchPipelineCommand.self, BenchIndexCommand.self, BenchHashCommand.self]
    )
}

struct BenchPipelineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipeline",
        abstract: "Per-stage medians and photos/s with 1 and N workers on a folder of photos."
    )

    @Argument(help: "A folder of photos (searched recursively) or photo files.")
    var paths: [String]

    @Option(help: "Use at most this many photos (the first in path order).")
    var limit: Int?

    @Option(help: "Worker counts to measure, comma-separated.")
    var workerCounts: String = "1,\(ProcessInfo.processInfo.activeProcessorCount)"

    @Option(help: "Write the rows as CSV to this file as well.")
    var csv: String?

    @Option(
        help: ArgumentHelp(
            "Write every photo's outcome as JSON Lines to this file (the last worker count's run).",
            discussion: "Per photo: path, faces, the largest face's box and descriptor, seconds, error."))
    var outcomes: String?

    @OptionGroup var pipelineOptions: PipelineOptions

    func run() async throws {
        var files = try paths.flatMap(photoFiles(under:))
        if let limit { files = Array(files.prefix(limit)) }
        guard !files.isEmpty else { throw CommandFailure(description: "no JPEG, PNG or WebP photos found") }
        let photos = try files.map { ($0, try readPhoto($0)) }
        let counts = workerCounts.split(separator: ",").compactMap { Int($0) }.filter { $0 > 0 }
        let source = paths.count <= 3 ? paths.joined(separator: " ") : "\(paths.count) paths"
        print("photos: \(photos.count) from \(source)")
        print("settings: \(describe(pipelineOptions.configuration))")
        var rows = [
            "workers,photos,seconds,photos_per_s,cpu_s_per_photo,faces,no_face,failed,"
                + "decode_ms,resize_ms,detect_ms,align_ms,embed_ms,peak_rss_mib"
        ]
        var lastOutcomes: [PipelineBenchmark.PhotoOutcome] = []
        for workers in counts {
            var options = pipelineOptions
            options.workers = workers
            let pipeline = try options.makePipeline()
            let report = await PipelineBenchmark.run(photos, pipeline: pipeline)
            pipeline.shutdown()
            rows.append(printReport(report))
            lastOutcomes = report.outcomes
        }
        if let csv {
            try (rows.joined(separator: "\n") + "\n").write(toFile: csv, atomically: true, encoding: .utf8)
        }
        if let outcomes {
            let lines = try lastOutcomes.map { try $0.jsonLine() + "\n" }.joined()
            try lines.write(toFile: outcomes, atomically: true, encoding: .utf8)
        }
    }

    private func printReport(_ report: PipelineBenchmark.Report) -> String {
        let m = report.medians
        let ms = { ($0 * 1000).formatted(1) }
        let rss = Double(PipelineBenchmark.peakResidentBytes()) / 1_048_576
        print("")
        print(
            "workers \(report.workers): \(report.photosPerSecond.formatted(2)) photos/s, "
                + "\(report.cpuSecondsPerPhoto.formatted(3)) CPU s/photo, \(report.seconds.formatted(1)) s wall"
        )
        print(
            "  faces \(report.faces), no face in \(report.noFace.count) of \(report.photos) "
                + "(\((100 * Double(report.noFace.count) / Double(report.photos)).formatted(1))%), failed \(report.failures.count)"
        )
        print(
            "  median ms: decode \(ms(m.decode))  resize \(ms(m.resize))  detect \(ms(m.detect))  "
                + "align \(ms(m.align))  embed \(ms(m.embed))  total \(ms(m.total))")
        print("  peak resident memory so far: \(rss.formatted(0)) MiB")
        for (path, reason) in report.failures { print("  failed: \(path): \(reason)") }
        return [
            "\(report.workers)", "\(report.photos)", report.seconds.formatted(2),
            report.photosPerSecond.formatted(3),
            report.cpuSecondsPerPhoto.formatted(4), "\(report.faces)", "\(report.noFace.count)",
            "\(report.failures.count)", ms(m.decode), ms(m.resize), ms(m.detect), ms(m.align), ms(m.embed),
            rss.formatted(0),
        ].joined(separator: ",")
    }

    private func describe(_ c: PipelineConfiguration) -> String {
        func side(_ value: Int?) -> String { value.map(String.init) ?? "full" }
        var text = "detector \(c.detector.rawValue), embedder \(c.embedder.rawValue), "
        switch c.detector {
        case .yunet:
            text += "YuNet side \(side(c.yunetMaxSide)), YuNet threshold \(c.yunetScoreThreshold)"
        case .hog:
            text += "detect side \(side(c.detectionMaxSide)), upsample \(c.upsampling.summary)"
        case .cnn, .hogThenCNN:
            text += "detect side \(side(c.detectionMaxSide)), upsample \(c.upsampling.summary)"
            text += ", CNN side \(side(c.cnnMaxSide)), CNN upsample \(c.cnnUpsampling.summary)"
        }
        text += ", decode side \(side(c.decodeTargetSide))"
        if c.detector == .yunet || c.embedder == .sface {
            text += ", \(c.convolutions.rawValue) convolutions"
        }
        return c.embedder == .dlib ? text + ", jitters \(c.jitters)" : text
    }
}

extension PipelineConfiguration.Upsampling {
    /// `1`, or `auto (1 below 800 px)`.
    var summary: String {
        switch self {
        case .fixed(let count): "\(count)"
        case .automatic(let side): "auto (1 below \(side) px)"
        }
    }
}

/// The JPEG, PNG and WebP files under `path` (or `path` itself), sorted.
func photoFiles(under path: String) throws -> [String] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw CommandFailure(description: "\(path): no such file or folder")
    }
    guard isDirectory.boolValue else { return [path] }
    let extensions: Set<String> = ["jpg", "jpeg", "png", "webp"]
    let enumerator = FileManager.default.enumerator(atPath: path)
    var files: [String] = []
    while let relative = enumerator?.nextObject() as? String {
        if extensions.contains((relative as NSString).pathExtension.lowercased()) {
            files.append(path + "/" + relative)
        }
    }
    return files.sorted()
}
