import VectorIndex

extension MilvusIndex {
    /// Flushes what was written and waits until Milvus has indexed every row
    /// (the vector index built on every sealed segment), up to `timeout`.
    /// Afterwards Bounded searches see every row, so searches stop waiting
    /// for Strong consistency. For benchmarks and bulk loads: a write is
    /// searchable without it, from a growing segment scanned in full.
    public func settle(timeout: Duration = .seconds(3600)) throws(VectorIndexError) {
        try blocking { () async throws(MilvusError) in try await self.flushAndWaitForIndex(timeout: timeout) }
        clearRecentWrite()
    }

    private func flushAndWaitForIndex(timeout: Duration) async throws(MilvusError) {
        var flush = MilvusFlushRequest()
        flush.collectionNames = [collectionName]
        let service = connection.service
        let flushOptions = connection.options(timeout: MilvusConnection.slowCallTimeout)
        _ = try await connection.call("flush") { try await service.flush(flush, options: flushOptions) }
        let rows = try await countRows(expression: "")
        var describe = MilvusDescribeIndexRequest()
        describe.collectionName = collectionName
        describe.fieldName = Field.vector
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let options = connection.options()
            let answer = try await connection.call("describe index") {
                try await service.describeIndex(describe, options: options)
            }
            if let index = answer.indexDescriptions.first, index.pendingIndexRows == 0,
                index.indexedRows >= rows, try await servedIndexed(rows: rows)
            {
                return
            }
            try? await Task.sleep(for: .seconds(1))
        }
        throw MilvusError(
            .unreachable, operation: "settle", message: "\(collectionName) was not indexed in time")
    }

    /// Whether the query nodes serve `rows` rows, all from sealed segments
    /// with their vector index loaded (rather than from growing segments,
    /// which Milvus scans with a coarser interim index).
    private func servedIndexed(rows: Int) async throws(MilvusError) -> Bool {
        var request = MilvusGetQuerySegmentInfoRequest()
        request.collectionName = collectionName
        let service = connection.service
        let options = connection.options()
        let segments = try await connection.call("query segment info") {
            try await service.getQuerySegmentInfo(request, options: options)
        }.infos
        let served = segments.reduce(0) { $0 + Int($1.numRows) }
        return served >= rows && segments.allSatisfy { $0.state != .growing && $0.indexID != 0 }
    }
}
