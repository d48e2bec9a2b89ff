import Dispatch
import Foundation
import Synchronization

/// A fixed set of threads, each owning one `FaceWorker`, fed by a bounded
/// FIFO queue. CPU-heavy face work runs here, never on Swift's cooperative
/// pool, so the tasks that serve requests stay free while photos are analysed.
///
/// Submitting to a full queue fails at once with `FaceVisionError.overloaded`
/// rather than waiting: callers decide whether to retry, back off or answer 429.
final class InferencePool: Sendable {
    /// The queue shared by the submitters and the pool threads.
    private final class JobQueue: Sendable {
        struct State {
            /// Taken jobs are set to nil at once, so a finished photo's bytes
            /// are not kept alive by the queue until the next compaction.
            var jobs: [Job?] = []
            var head = 0
            var closed = false
            var running = 0
            var count: Int { jobs.count - head }
        }
        let state = Mutex(State())
        let available = DispatchSemaphore(value: 0)
    }

    /// One unit of work; `cancelled` lets a task that gave up skip its turn.
    ///
    /// Its closures must never refer back to the job: a job that reaches
    /// itself through what `run` captures is never freed, and neither is the
    /// photo it carries (issue 12: every request leaked its body that way).
    final class Job: Sendable {
        /// Runs the work on `worker`, told how long the job waited in the queue.
        let run: @Sendable (FaceWorker, Duration) -> Void
        let abandon: @Sendable (any Error) -> Void
        let cancelled = Atomic(false)
        let enqueued = ContinuousClock.now

        init(
            run: @escaping @Sendable (FaceWorker, Duration) -> Void,
            abandon: @escaping @Sendable (any Error) -> Void
        ) {
            self.run = run
            self.abandon = abandon
        }
    }

    private let queue = JobQueue()
    /// The most jobs that may wait at once.
    let capacity: Int
    /// The number of pool threads.
    let threadCount: Int

    init(workers: [FaceWorker], capacity: Int) {
        precondition(!workers.isEmpty && capacity > 0)
        self.capacity = capacity
        self.threadCount = workers.count
        for (index, worker) in workers.enumerated() {
            let thread = Thread { [queue] in Self.serve(queue, worker: worker) }
            thread.name = "facesearch-inference-\(index)"
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    deinit { close() }

    /// Jobs waiting for a worker.
    var queueDepth: Int { queue.state.withLock { $0.count } }
    /// Jobs a worker is running now.
    var busyWorkers: Int { queue.state.withLock { $0.running } }

    /// Runs `body` on a pool thread and returns its result; throws
    /// `overloaded` when the queue is full and `CancellationError` when the
    /// calling task is cancelled before a worker took the job.
    func run<T: Sendable>(_ body: @escaping @Sendable (FaceWorker, Duration) throws -> T) async throws -> T {
        // Only the cancellation handler holds the job through `box`; the job's
        // own closures capture the continuation and `body`, never `box`.
        let box = Mutex<Job?>(nil)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
                let job = Job(
                    run: { worker, waited in continuation.resume(with: Result { try body(worker, waited) }) },
                    abandon: { continuation.resume(throwing: $0) })
                box.withLock { $0 = job }
                enqueue(job)
            }
        } onCancel: {
            box.withLock { $0 }?.cancelled.store(true, ordering: .relaxed)
        }
    }

    /// Stops taking work; the threads finish what is queued, then exit.
    func close() {
        let threads = queue.state.withLock { state -> Int in
            guard !state.closed else { return 0 }
            state.closed = true
            return threadCount
        }
        for _ in 0..<threads { queue.available.signal() }
    }

    private func enqueue(_ job: Job) {
        let refusal: FaceVisionError? = queue.state.withLock { state in
            if state.closed { return .shutDown }
            if state.count >= capacity { return .overloaded(queueCapacity: capacity) }
            state.jobs.append(job)
            return nil
        }
        if let refusal { job.abandon(refusal) } else { queue.available.signal() }
    }

    private static func serve(_ queue: JobQueue, worker: FaceWorker) {
        while true {
            queue.available.wait()
            let next: Job? = queue.state.withLock { state in
                guard state.count > 0 else { return nil }
                let job = state.jobs[state.head]
                state.jobs[state.head] = nil
                state.head += 1
                if state.head > 64 && state.head * 2 > state.jobs.count {
                    state.jobs.removeFirst(state.head)
                    state.head = 0
                }
                state.running += 1
                return job
            }
            guard let job = next else { return }  // closed and drained
            if job.cancelled.load(ordering: .relaxed) {
                job.abandon(CancellationError())
            } else {
                job.run(worker, ContinuousClock.now - job.enqueued)
            }
            queue.state.withLock { $0.running -= 1 }
        }
    }
}
