import Foundation
import VectorIndex

extension MilvusIndex {
    /// The `k` nearest rows to each query, with distances in facesearch's
    /// terms: Milvus's squared L2 turned into L2, its inner product of unit
    /// vectors into `1 - cos`. Hits are sorted by distance, then id.
    func nearest(_ queries: [[Float]], k: Int, filter: IndexFilter) async throws(MilvusError) -> [[IndexHit]]
    {
        var placeholder = MilvusPlaceholderValue()
        placeholder.tag = "$0"
        placeholder.type = .floatVector
        placeholder.values = queries.map { query in query.withUnsafeBytes { Data($0) } }
        var group = MilvusPlaceholderGroup()
        group.placeholders = [placeholder]
        var request = MilvusSearchRequest()
        request.collectionName = collectionName
        request.dsl = AttributeDigest.expression(for: filter)
        request.dslType = .boolExprV1
        do {
            request.placeholderGroup = try group.serializedBytes()
        } catch {
            throw MilvusError(.invalidResponse, operation: "search", message: "\(error)")
        }
        var parameters = [
            "anns_field": Field.vector, "topk": "\(k)", "metric_type": metricName, "round_decimal": "-1",
            "offset": "0",
        ]
        switch layout {
        case .flat: parameters["params"] = "{}"
        case .hnsw(let hnsw): parameters["params"] = "{\"ef\":\(max(hnsw.ef, k))}"
        }
        request.searchParams = parameters.sorted { $0.key < $1.key }.map {
            MilvusKeyValuePair(key: $0.key, value: $0.value)
        }
        request.nq = Int64(queries.count)
        request.consistencyLevel = searchesMustBeStrong ? .strong : .bounded
        request.useDefaultConsistency = false
        let service = connection.service
        let options = connection.options()
        let results = try await connection.call("search") {
            try await service.search(request, options: options)
        }
        .results
        return try hits(of: results, queries: queries.count)
    }

    private func hits(of results: MilvusSearchResultData, queries: Int) throws(MilvusError) -> [[IndexHit]] {
        let ids = results.ids.intID.data
        let scores = results.scores
        let counts =
            results.topks.isEmpty && ids.isEmpty ? Array(repeating: 0, count: queries) : results.topks
        guard counts.count == queries, ids.count == scores.count, Int(counts.reduce(0, +)) == ids.count else {
            throw MilvusError(
                .invalidResponse, operation: "search",
                message:
                    "\(counts.count) result lists for \(queries) queries, \(ids.count) ids, \(scores.count) scores"
            )
        }
        var lists: [[IndexHit]] = []
        var position = 0
        for count in counts {
            let range = position..<(position + Int(count))
            position = range.upperBound
            lists.append(
                range.map { IndexHit(id: ids[$0], distance: distance(fromScore: scores[$0])) }.sorted())
        }
        return lists
    }

    /// facesearch's distance for a Milvus score.
    func distance(fromScore score: Float) -> Float {
        switch metric {
        case .euclidean: max(score, 0).squareRoot()
        case .cosine: 1 - score
        }
    }
}
