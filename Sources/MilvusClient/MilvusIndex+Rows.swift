import Foundation
import VectorIndex

extension MilvusIndex {
    /// Writes rows in batches (an upsert: writing a row twice, as a retried
    /// call may, leaves one row).
    func upsert(_ rows: [MilvusRow]) async throws(MilvusError) {
        let service = connection.service
        for batch in Self.batches(rows) {
            var request = MilvusUpsertRequest()
            request.collectionName = collectionName
            request.numRows = UInt32(batch.count)
            request.fieldsData = columns(of: batch)
            let options = connection.options()
            noteWrite()
            _ = try await connection.call("upsert") { try await service.upsert(request, options: options) }
        }
    }

    private func columns(of rows: ArraySlice<MilvusRow>) -> [MilvusFieldData] {
        var ids = MilvusFieldData()
        ids.type = .int64
        ids.fieldName = Field.id
        ids.scalars.longData.data = rows.map(\.id)
        var vectors = MilvusFieldData()
        vectors.type = .floatVector
        vectors.fieldName = Field.vector
        vectors.vectors.dim = Int64(dimension)
        vectors.vectors.floatVector.data = rows.flatMap(\.vector)
        var labels = MilvusFieldData()
        labels.type = .varChar
        labels.fieldName = Field.label
        labels.scalars.stringData.data = rows.map { AttributeDigest.label($0.attributes.label) }
        var tags = MilvusFieldData()
        tags.type = .array
        tags.fieldName = Field.tags
        tags.scalars.arrayData.elementType = .varChar
        tags.scalars.arrayData.data = rows.map { row in
            var digests = MilvusScalarField()
            digests.stringData.data = AttributeDigest.tags(row.attributes.metadata)
            return digests
        }
        return [ids, vectors, labels, tags]
    }

    /// Deletes rows by id, in batches.
    func delete(_ ids: [Int64]) async throws(MilvusError) {
        let service = connection.service
        for batch in Self.batches(ids) {
            var request = MilvusDeleteRequest()
            request.collectionName = collectionName
            request.expr = Self.idList(batch)
            let options = connection.options()
            noteWrite()
            _ = try await connection.call("delete") { try await service.delete(request, options: options) }
        }
    }

    /// `elements` in slices of at most `writeBatch`.
    static func batches<T>(_ elements: [T]) -> [ArraySlice<T>] {
        stride(from: 0, to: elements.count, by: writeBatch).map {
            elements[$0..<min($0 + writeBatch, elements.count)]
        }
    }

    /// The expression `id in [...]` for these ids.
    static func idList(_ ids: some Sequence<Int64>) -> String {
        "\(Field.id) in [\(ids.map(String.init).joined(separator: ","))]"
    }

    /// Which of `ids` the collection holds (Strong).
    func presentIDs(among ids: [Int64]) async throws(MilvusError) -> Set<Int64> {
        var present = Set<Int64>()
        for batch in Self.batches(ids) {
            let rows = try await query(Self.idList(batch), fields: [Field.id])
            present.formUnion(try Self.longs(Field.id, in: rows))
        }
        return present
    }

    /// The rows matching `expression` (every row for ""), Strong.
    func countRows(expression: String) async throws(MilvusError) -> Int {
        let rows = try await query(expression, fields: ["count(*)"])
        guard let count = try Self.longs("count(*)", in: rows).first else {
            throw MilvusError(.invalidResponse, operation: "count", message: "no count(*) in the answer")
        }
        return Int(count)
    }

    /// Every id, found range by range: a range holding more than a query may
    /// return is split in two (counts first), so no answer is ever cut short.
    /// The first range starts at -Int64.max: Milvus's expression parser reads
    /// `-9223372036854775808` as the negation of a number out of range, and
    /// face ids are positive.
    func allIDs() async throws(MilvusError) -> [Int64] {
        var ids: [Int64] = []
        var ranges: [(low: Int64, high: Int64)] = [(-Int64.max, Int64.max)]
        while let (low, high) = ranges.popLast() {
            let expression = "\(Field.id) >= \(low) && \(Field.id) <= \(high)"
            let count = try await countRows(expression: expression)
            if count == 0 { continue }
            if count <= Self.queryLimit / 2 || low == high {
                let rows = try await query(expression, fields: [Field.id], limit: Self.queryLimit)
                ids += try Self.longs(Field.id, in: rows)
            } else {
                let middle = low / 2 + high / 2 + (low % 2 + high % 2) / 2
                ranges.append((low, middle))
                ranges.append((middle + 1, high))
            }
        }
        return ids
    }

    /// The stored vector of one row, or nil.
    func storedVector(id: Int64) async throws(MilvusError) -> [Float]? {
        let rows = try await query(Self.idList([id]), fields: [Field.vector])
        guard let column = rows.first(where: { $0.fieldName == Field.vector }) else { return nil }
        let values = column.vectors.floatVector.data
        return values.count == dimension ? values : nil
    }

    /// A Strong query's columns.
    func query(_ expression: String, fields: [String], limit: Int? = nil) async throws(MilvusError)
        -> [MilvusFieldData]
    {
        var request = MilvusQueryRequest()
        request.collectionName = collectionName
        request.expr = expression
        request.outputFields = fields
        if let limit { request.queryParams = [MilvusKeyValuePair(key: "limit", value: "\(limit)")] }
        request.consistencyLevel = .strong
        request.useDefaultConsistency = false
        let service = connection.service
        let options = connection.options()
        return try await connection.call("query") { try await service.query(request, options: options) }
            .fieldsData
    }

    /// The Int64 values of column `name`.
    static func longs(_ name: String, in columns: [MilvusFieldData]) throws(MilvusError) -> [Int64] {
        guard let column = columns.first(where: { $0.fieldName == name }) else {
            if columns.isEmpty { return [] }
            throw MilvusError(
                .invalidResponse, operation: "query", message: "no \(name) column in the answer")
        }
        return column.scalars.longData.data
    }
}

extension MilvusKeyValuePair {
    init(key: String, value: String) {
        self.init()
        self.key = key
        self.value = value
    }
}
