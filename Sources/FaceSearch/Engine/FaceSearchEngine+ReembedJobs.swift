import FaceVision

/// Where a collection's re-embed stands, as the API reports it.
public struct ReembedStatus: Sendable, Hashable, Codable {
    /// The stages of a re-embed.
    public enum State: String, Sendable, Hashable, Codable {
        /// No re-embed was started since the server started, and none is pending.
        case none
        /// Under way in this process.
        case running
        /// Done: the collection has the new models.
        case finished
        /// Stopped by an error (`error` says which); the photos done are kept, writes stay refused
        /// until it is started again or cancelled.
        case failed
        /// Left by a run that did not finish (a crash, a stop): start it again to resume, or cancel it.
        case interrupted
    }

    /// The collection.
    public var collection: String
    /// Where it stands.
    public var state: State
    /// The models it moves to, as "detector/embedder", when known.
    public var to: String?
    /// Photos done (a resumed run counts the earlier runs' photos).
    public var done: Int
    /// Photos of the collection (0 until the run has counted them).
    public var total: Int
    /// The report of a finished run.
    public var report: ReembedReport?
    /// Why a failed run stopped.
    public var error: String?
}

/// A re-embed running in the background, for the API.
struct ReembedJob: Sendable {
    var status: ReembedStatus
    var task: Task<Void, Never>?
}

extension FaceSearchEngine {
    /// Starts re-embedding a collection in the background (see `reembed`) and
    /// returns its status; `reembedStatus` follows it. Throws
    /// `reembedInProgress` while one runs for the collection.
    public func startReembed(_ name: String, to models: ModelChoice) throws -> ReembedStatus {
        _ = try collection(name)
        let models = try usable(models)
        return try jobs.withLock { jobs throws(EngineError) in
            if jobs[name]?.status.state == .running { throw .reembedInProgress(name) }
            let status = ReembedStatus(
                collection: name, state: .running, to: models.text, done: 0, total: 0, report: nil, error: nil
            )
            let task = Task {
                do {
                    let report = try await self.reembed(name, to: models) { step in
                        self.updateJob(name) {
                            $0.done = step.done
                            $0.total = step.total
                        }
                    }
                    self.updateJob(name) {
                        $0.state = .finished
                        $0.report = report
                        $0.done = report.photos
                        $0.total = report.photos
                    }
                } catch is CancellationError {
                    self.updateJob(name) { $0.state = .interrupted }
                } catch {
                    self.updateJob(name) {
                        $0.state = .failed
                        $0.error = "\(error)"
                    }
                    self.logger.error(
                        "re-embed failed", metadata: ["collection": "\(name)", "error": "\(error)"])
                }
            }
            jobs[name] = ReembedJob(status: status, task: task)
            return status
        }
    }

    /// Where the re-embed of a collection stands: this process's run, or an
    /// interrupted one found in the store, or none.
    public func reembedStatus(_ name: String) throws -> ReembedStatus {
        _ = try collection(name)
        if let job = jobs.withLock({ $0[name] }) {
            // A failed or cancelled run leaves its staging collection: resumable.
            return job.status
        }
        let pending = reembedding.withLock { $0.contains(name) }
        return ReembedStatus(
            collection: name, state: pending ? .interrupted : .none, to: nil, done: 0, total: 0, report: nil,
            error: nil)
    }

    /// Stops a running re-embed of the collection (waiting for the photos in
    /// flight), then drops what it made; also drops an interrupted one.
    /// Returns whether there was one.
    public func stopReembed(_ name: String) async throws -> Bool {
        let task = jobs.withLock { $0[name]?.task }
        if let task {
            task.cancel()
            await task.value
        }
        let dropped = try await cancelReembed(name)
        jobs.withLock { _ = $0.removeValue(forKey: name) }
        return dropped || task != nil
    }

    private func updateJob(_ name: String, _ change: (inout ReembedStatus) -> Void) {
        jobs.withLock { jobs in
            if var job = jobs[name] {
                change(&job.status)
                jobs[name] = job
            }
        }
    }
}
