extension MilvusConnection {
    /// Nothing when Milvus answers and says it is healthy; otherwise why not.
    /// A single attempt with a short deadline, for readiness probes, unless
    /// `retrying`: then through the retry policy, which rides out a reconnect.
    /// A failed check starts an outage, so the calls that follow fail at once
    /// (see `call`) instead of each waiting for its deadline.
    public func checkHealth(timeout: Duration = .seconds(2), retrying: Bool = false) async throws(MilvusError)
    {
        do {
            try await askHealth(timeout: timeout, retrying: retrying)
        } catch {
            noteOutage(error.message)
            throw error
        }
    }

    private func askHealth(timeout: Duration, retrying: Bool) async throws(MilvusError) {
        let service = service
        var options = options(timeout: timeout)
        if !retrying { options.executionPolicy = nil }
        let answer = try await call("health check", checkingOutage: false) {
            try await service.checkHealth(MilvusCheckHealthRequest(), options: options)
        }
        guard answer.isHealthy else {
            throw MilvusError(
                .unreachable, operation: "health check",
                message: answer.reasons.isEmpty
                    ? "Milvus says it is unhealthy" : answer.reasons.joined(separator: "; "))
        }
    }

    /// The names of the collections in Milvus's default database.
    public func collectionNames() async throws(MilvusError) -> [String] {
        let service = service
        let options = options()
        return try await call("show collections") {
            try await service.showCollections(MilvusShowCollectionsRequest(), options: options)
        }.collectionNames
    }

    /// Drops a collection by name (nothing when it does not exist).
    public func dropCollection(named name: String) async throws(MilvusError) {
        guard try await hasCollection(named: name) else { return }
        var request = MilvusDropCollectionRequest()
        request.collectionName = name
        let service = service
        let options = options(timeout: Self.slowCallTimeout)
        _ = try await call("drop collection") { try await service.dropCollection(request, options: options) }
    }

    /// Whether Milvus has a collection of this name.
    public func hasCollection(named name: String) async throws(MilvusError) -> Bool {
        var request = MilvusHasCollectionRequest()
        request.collectionName = name
        let service = service
        let options = options()
        return try await call("has collection") { try await service.hasCollection(request, options: options) }
            .value
    }
}
