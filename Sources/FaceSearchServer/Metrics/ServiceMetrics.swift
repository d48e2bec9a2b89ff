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
/// swift-metrics has one backend per process, so there is one instance,
/// `shared`, which bootstraps it on first use.
public final class ServiceMetrics: Sendable {
    /// The process's metrics; bootstraps swift-metrics with this registry.
    public static let shared = ServiceMetrics()

    /// The registry every metric of the service lives in.
    public let registry = PrometheusCollectorRegistry()
    private let queueDepth: Prometheus.Gauge
    private let busyWorkers: Prometheus.Gauge
    private let rejected: Prometheus.Counter
    private let stages: [String: Prometheus.DurationHistogram]
    private let indexSizes = Mutex<[String: Prometheus.Gauge]>([:])
    private let cacheHits: Prometheus.Counter
    private let cacheMisses: Prometheus.Counter
    private let cacheBytes: Prometheus.Gauge
    /// The engine's cache counters as last exported, to turn them into counter increments.
    private let exportedCache = Mutex((hits: 0, misses: 0))
    /// Held while the gauges are set and emitted together.
    private let expositionLock = Mutex(())

    private init() {
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
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
        cacheHits = registry.makeCounter(
            descriptor: Self.name(
                "search_cache", "hits", unit: "total", help: "Searches answered from the result cache"))
        cacheMisses = registry.makeCounter(
            descriptor: Self.name(
                "search_cache", "misses", unit: "total",
                help: "Searches that ran the pipeline with the cache on"))
        cacheBytes = registry.makeGauge(
            descriptor: Self.name(
                "search_cache", nil, unit: "bytes", help: "Estimated bytes held by the result cache"))
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
    private static func name(_ subsystem: String, _ name: String?, unit: String, help: String)
        -> MetricNameDescriptor
    {
        guard let name else {
            return MetricNameDescriptor(
                namespace: "facesearch", metricName: subsystem, unitName: unit, helpText: help)
        }
        return MetricNameDescriptor(
            namespace: "facesearch", subsystem: subsystem, metricName: name, unitName: unit, helpText: help)
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
            exportCache(engine.searchCacheStatistics)
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

    /// Turns the engine's cache counters into counter increments since the last export.
    private func exportCache(_ cache: SearchCacheStatistics) {
        let (newHits, newMisses) = exportedCache.withLock { exported in
            defer { exported = (cache.hits, cache.misses) }
            return (cache.hits - exported.hits, cache.misses - exported.misses)
        }
        if newHits > 0 { cacheHits.increment(by: Int64(newHits)) }
        if newMisses > 0 { cacheMisses.increment(by: Int64(newMisses)) }
        cacheBytes.set(Int64(cache.bytes))
    }
}
