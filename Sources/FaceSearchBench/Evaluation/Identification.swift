import FaceSearch
import FaceVision

/// Leave-one-out identification over labelled descriptors, and every pair's
/// distance for verification figures.
struct Identification {
    /// Share of queries whose nearest other face has the same label.
    private(set) var rank1 = 0.0
    /// Share of queries whose label is among the 5 nearest other faces.
    private(set) var rank5 = 0.0
    /// Queries: faces whose label has at least one other face.
    private(set) var queries = 0
    /// Every unordered pair with its distance and whether the labels agree.
    private(set) var allPairs: [(distance: Double?, same: Bool)] = []

    /// Compares every pair of `faces` by `distance` (the embedder's).
    init(
        _ faces: [(label: String, descriptor: FaceDescriptor)],
        distance measure: (FaceDescriptor, FaceDescriptor) -> Double
    ) {
        let count = faces.count
        var distances = [Double](repeating: 0, count: count * count)
        for i in 0..<count {
            for j in (i + 1)..<max(count, i + 1) {
                let distance = measure(faces[i].descriptor, faces[j].descriptor)
                distances[i * count + j] = distance
                distances[j * count + i] = distance
                allPairs.append((distance, faces[i].label == faces[j].label))
            }
        }
        let labelCounts = Dictionary(grouping: faces, by: \.label).mapValues(\.count)
        var hits1 = 0
        var hits5 = 0
        for i in 0..<count where labelCounts[faces[i].label, default: 0] > 1 {
            queries += 1
            let nearest = (0..<count).filter { $0 != i }
                .sorted { distances[i * count + $0] < distances[i * count + $1] }
                .prefix(5).map { faces[$0].label }
            if nearest.first == faces[i].label { hits1 += 1 }
            if nearest.contains(faces[i].label) { hits5 += 1 }
        }
        rank1 = queries > 0 ? Double(hits1) / Double(queries) : 0
        rank5 = queries > 0 ? Double(hits5) / Double(queries) : 0
    }
}
