import FaceSearch
import Prometheus
import Synchronization

/// The Prometheus series of one of the engine's caches:
/// `facesearch_<cache>_hits_total`, `facesearch_<cache>_misses_total` and
/// `facesearch_<cache>_bytes`.
final class CacheMetrics: Sendable {
    private let hits: Prometheus.Counter
    private let misses: Prometheus.Counter
    private let bytes: Prometheus.Gauge
    /// The engine's counters as last exported, to turn them into counter increments.
    private let exported = Mutex((hits: 0, misses: 0))

    /// The series of the cache `name`, described by what a hit and a miss
    /// are and what the cache holds.
    init(registry: PrometheusCollectorRegistry, name: String, hit: String, miss: String, holds: String) {
        hits = registry.makeCounter(
            descriptor: ServiceMetrics.name(name, "hits", unit: "total", help: hit))
        misses = registry.makeCounter(
            descriptor: ServiceMetrics.name(name, "misses", unit: "total", help: miss))
        bytes = registry.makeGauge(
            descriptor: ServiceMetrics.name(
                name, nil, unit: "bytes", help: "Estimated bytes held by " + holds))
    }

    /// Adds the hits and misses since the last export and sets the size.
    func export(_ statistics: CacheStatistics) {
        let (newHits, newMisses) = exported.withLock { exported in
            defer { exported = (statistics.hits, statistics.misses) }
            return (statistics.hits - exported.hits, statistics.misses - exported.misses)
        }
        if newHits > 0 { hits.increment(by: Int64(newHits)) }
        if newMisses > 0 { misses.increment(by: Int64(newMisses)) }
        bytes.set(Int64(statistics.bytes))
    }
}
