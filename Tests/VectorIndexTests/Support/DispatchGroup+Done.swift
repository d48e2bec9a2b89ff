import Dispatch

extension DispatchGroup {
    /// Suspends until every entered task has left, without blocking one of
    /// the cooperative pool's threads the way `wait()` would: other tests keep
    /// running while this one's threads work.
    func done() async {
        await withCheckedContinuation { continuation in
            notify(queue: .global()) { continuation.resume() }
        }
    }
}
