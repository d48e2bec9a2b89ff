import FaceSearch
import FaceVision
import Foundation
import Metrics
import Prometheus
import Synchronization

/// The service's Prometheus metrics: HTTP requests and latency per route and
/// status (recorded by Hummingbird's `MetricsMiddleware` through swift-metrics),
/// pipeline stage timings, queue depth, busy workers, rejected requests and
/// index sizes.
///
/// swift-metrics has one backend per process, and choosing it is the
/// executable's business: `facesearch serve` bootstraps it with
/// ``registry`` (``bootstrapMetricsSystem()``), so the HTTP metrics and the
/// service's own land in one exposition. A library or test that builds an
/// application without bootstrapping still gets the service's own metrics.
public final class ServiceMetrics: Sendable {
    /// The registry every metric of the service lives in.
    public let registry = PrometheusCollectorRegistry()
    private let queueDepth: Prometheus.Gauge
    private let busyWorkers: Prometheus.Gauge
    private let rejected: Prometheus.Counter
    private let stages: [String: Prometheus.DurationHistogram]
    private let indexSizes = Mutex<[String: Prometheus.Gauge]>([:])
    private let searchCache: CacheMetrics
    private let thumbnailCache: CacheMetrics
    /// Held while the gauges are set and emitted together.
    private let expositionLock = Mutex(())

    /// Empty metrics in a registry of their own.
    public init() {
        queueDepth = registry.makeGauge(
            descriptor: Self.name(
                "inference", "queue", unit: "depth", help: "Photos waiting for an inference worker"))
        busyWorkers = registry.makeGauge(
            descriptor: Self.name(
                "inference", "busy", unit: "workers", help: "Inference workers analysing a photo now"))
        rejected = registry.makeCounter(
            descriptor: Self.name(
                "rejected", "requests", unit: "total",
                help: "Requests refused with 429 because the queue was full"))
        searchCache = CacheMetrics(
            registry: registry, name: "search_cache", hit: "Searches answered from the result cache",
            miss: "Searches that ran the pipeline with the cache on", holds: "the result cache")
        thumbnailCache = CacheMetrics(
            registry: registry, name: "thumbnail_cache", hit: "Face thumbnails answered from the cache",
            miss: "Face thumbnails cut from their photo with the cache on", holds: "the thumbnail cache")
        let buckets: [Duration] = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000].map {
            .milliseconds($0)
        }
        var stages: [String: Prometheus.DurationHistogram] = [:]
        for stage in ["queue_wait", "decode", "resize", "detect", "align", "embed"] {
            stages[stage] = registry.makeDurationHistogram(
                descriptor: Self.name(
                    "pipeline", "stage", unit: "seconds",
                    help: "Time one photo spends in each stage of the face pipeline"),
                labels: [("stage", stage)], buckets: buckets)
        }
        self.stages = stages
    }

    /// `facesearch_<subsystem>_<name>_<unit>` with its help text.
    static func name(_ subsystem: String, _ name: String?, unit: String, help: String)
        -> MetricNameDescriptor
    {
        guard let name else {
            return MetricNameDescriptor(
                namespace: "facesearch", metricName: subsystem, unitName: unit, helpText: help)
        }
        return MetricNameDescriptor(
            namespace: "facesearch", subsystem: subsystem, metricName: name, unitName: unit, helpText: help)
    }

    /// Makes this registry swift-metrics' backend for the process (what
    /// Hummingbird's `MetricsMiddleware` records HTTP requests into). Call it
    /// once, from the executable: swift-metrics traps on a second bootstrap.
    public func bootstrapMetricsSystem() {
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
    }

    /// Records the stage timings of one analysed photo.
    public func record(_ timings: StageTimings) {
        let values: [String: Double] = [
            "queue_wait": timings.queueWait, "decode": timings.decode, "resize": timings.resize,
            "detect": timings.detect, "align": timings.align, "embed": timings.embed,
        ]
        for (stage, seconds) in values {
            stages[stage]?.recordNanoseconds(Int64(seconds * 1e9))
        }
    }

    /// Counts a request refused because the inference queue was full.
    public func recordRejection() {
        rejected.increment()
    }

    /// The Prometheus text exposition, with the gauges read from `engine` now.
    ///
    /// Setting the gauges and emitting them happen under one lock, so two
    /// engines in one process (tests) never see each other's values.
    public func exposition(engine: FaceSearchEngine) async throws -> String {
        let collections = try await engine.collections()
        return expositionLock.withLock { _ in
            queueDepth.set(Int64(engine.pipeline.queueDepth))
            busyWorkers.set(Int64(engine.pipeline.busyWorkers))
            for collection in collections {
                indexGauge(collection.name).set(Int64(collection.faces))
            }
            searchCache.export(engine.searchCacheStatistics)
            thumbnailCache.export(engine.thumbnailCacheStatistics)
            var buffer: [UInt8] = []
            registry.emit(into: &buffer)
            return String(decoding: buffer, as: UTF8.self)
        }
    }

    /// The gauge of one collection's index size, made on first use.
    private func indexGauge(_ collection: String) -> Prometheus.Gauge {
        indexSizes.withLock { gauges in
            if let gauge = gauges[collection] { return gauge }
            let gauge = registry.makeGauge(
                descriptor: Self.name(
                    "index", nil, unit: "faces", help: "Faces in a collection's vector index"),
                labels: [("collection", collection)])
            gauges[collection] = gauge
            return gauge
        }
    }
}
