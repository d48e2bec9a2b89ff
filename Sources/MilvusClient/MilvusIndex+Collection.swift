import Foundation
import VectorIndex

extension MilvusIndex {
    /// The fields of every collection this client makes.
    enum Field {
        static let id = "id"
        static let vector = "vector"
        static let label = "label"
        static let tags = "tags"
    }

    /// Milvus's name of this index's metric: L2 (which Milvus reports
    /// squared) or IP over unit vectors for cosine.
    var metricName: String {
        switch metric {
        case .euclidean: "L2"
        case .cosine: "IP"
        }
    }

    /// Creates the collection when it is missing, checks it when it exists,
    /// makes sure its vector field is indexed and that it is loaded.
    func prepareCollection() async throws(MilvusError) {
        if try await connection.hasCollection(named: collectionName) {
            try await checkSchema()
        } else {
            try await createCollection()
        }
        try await ensureIndex()
        try await load()
    }

    private func createCollection() async throws(MilvusError) {
        var schema = MilvusCollectionSchema()
        schema.name = collectionName
        schema.description_p = "facesearch faces: id is the store's face id"
        schema.fields = [
            field(Field.id, .int64, primary: true),
            field(Field.vector, .floatVector, parameters: ["dim": "\(dimension)"]),
            field(Field.label, .varChar, parameters: ["max_length": "64"]),
            field(
                Field.tags, .array, element: .varChar,
                parameters: ["max_capacity": "\(AttributeDigest.maxTags)", "max_length": "32"]),
        ]
        var request = MilvusCreateCollectionRequest()
        request.collectionName = collectionName
        do {
            request.schema = try schema.serializedBytes()
        } catch {
            throw MilvusError(.invalidResponse, operation: "create collection", message: "\(error)")
        }
        request.shardsNum = 1
        request.consistencyLevel = .bounded
        let service = connection.service
        let options = connection.options(timeout: MilvusConnection.slowCallTimeout)
        _ = try await connection.call("create collection") {
            try await service.createCollection(request, options: options)
        }
    }

    private func field(
        _ name: String, _ type: MilvusDataType, primary: Bool = false, element: MilvusDataType = .none,
        parameters: [String: String] = [:]
    ) -> MilvusFieldSchema {
        var field = MilvusFieldSchema()
        field.name = name
        field.dataType = type
        field.elementType = element
        field.isPrimaryKey = primary
        field.typeParams = parameters.sorted { $0.key < $1.key }.map {
            MilvusKeyValuePair(key: $0.key, value: $0.value)
        }
        return field
    }

    /// An existing collection must hold vectors of this dimension under this
    /// index's field names.
    private func checkSchema() async throws(MilvusError) {
        var request = MilvusDescribeCollectionRequest()
        request.collectionName = collectionName
        let service = connection.service
        let options = connection.options()
        let description = try await connection.call("describe collection") {
            try await service.describeCollection(request, options: options)
        }
        let fields = description.schema.fields
        let names = Set(fields.map(\.name))
        guard names.isSuperset(of: [Field.id, Field.vector, Field.label, Field.tags]),
            let vector = fields.first(where: { $0.name == Field.vector }),
            vector.typeParams.first(where: { $0.key == "dim" })?.value == "\(dimension)",
            let tags = fields.first(where: { $0.name == Field.tags }),
            tags.dataType == .array, tags.elementType == .varChar
        else {
            throw MilvusError(
                .refused, operation: "open collection",
                message:
                    "\(collectionName) exists with another schema than \(dimension)-value facesearch vectors "
                    + "with metadata digests (if an earlier facesearch made it: facesearch milvus sync --rebuild)"
            )
        }
    }

    /// Creates the vector field's index unless it has one; an existing index
    /// of another metric is an error, one of other parameters is kept.
    private func ensureIndex() async throws(MilvusError) {
        var describe = MilvusDescribeIndexRequest()
        describe.collectionName = collectionName
        describe.fieldName = Field.vector
        let service = connection.service
        let options = connection.options()
        let existing: MilvusDescribeIndexResponse
        do {
            existing = try await connection.call("describe index") {
                try await service.describeIndex(describe, options: options)
            }
        } catch  where error.kind == .refused {
            // Milvus answers "index not found" with an error status.
            return try await createIndex()
        }
        guard let index = existing.indexDescriptions.first else { return try await createIndex() }
        let metric = index.params.first { $0.key == "metric_type" }?.value
        guard metric == nil || metric == metricName else {
            throw MilvusError(
                .refused, operation: "open collection",
                message: "\(collectionName) is indexed for \(metric ?? "") distances, not \(metricName)")
        }
    }

    private func createIndex() async throws(MilvusError) {
        var request = MilvusCreateIndexRequest()
        request.collectionName = collectionName
        request.fieldName = Field.vector
        request.indexName = Field.vector
        var parameters = ["metric_type": metricName]
        switch shape {
        case .flat:
            parameters["index_type"] = "FLAT"
            parameters["params"] = "{}"
        case .hnsw(let hnsw):
            parameters["index_type"] = "HNSW"
            parameters["params"] = "{\"M\":\(hnsw.m),\"efConstruction\":\(hnsw.efConstruction)}"
        }
        request.extraParams = parameters.sorted { $0.key < $1.key }.map {
            MilvusKeyValuePair(key: $0.key, value: $0.value)
        }
        let service = connection.service
        let options = connection.options(timeout: MilvusConnection.slowCallTimeout)
        _ = try await connection.call("create index") {
            try await service.createIndex(request, options: options)
        }
    }

    /// Loads the collection into Milvus's query nodes and waits until it is.
    private func load() async throws(MilvusError) {
        var request = MilvusLoadCollectionRequest()
        request.collectionName = collectionName
        request.replicaNumber = 1
        let service = connection.service
        let options = connection.options(timeout: MilvusConnection.slowCallTimeout)
        _ = try await connection.call("load collection") {
            try await service.loadCollection(request, options: options)
        }
        var state = MilvusGetLoadStateRequest()
        state.collectionName = collectionName
        let deadline = ContinuousClock.now + MilvusConnection.slowCallTimeout
        while ContinuousClock.now < deadline {
            let stateOptions = connection.options()
            let answer = try await connection.call("load state") {
                try await service.getLoadState(state, options: stateOptions)
            }
            if answer.state == .loaded { return }
            try? await Task.sleep(for: .milliseconds(200))
        }
        throw MilvusError(
            .unreachable, operation: "load collection", message: "\(collectionName) did not load in time")
    }

    /// Drops the collection (nothing when it is missing).
    func dropCollection() async throws(MilvusError) {
        try await connection.dropCollection(named: collectionName)
    }
}
