#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An exclusive `flock` on `<folder>/facesearch.lock`, held while a
/// ``FaceStore`` is open.
///
/// The orphan sweep at open deletes files no row refers to, and deletions
/// unlink files after their commit: both are only safe when no other store
/// is placing files in the same folder, so one store at a time owns it. The
/// kernel drops the lock when the process dies, so a `kill -9` never leaves
/// the folder locked.
final class StoreLock: Sendable {
    private let descriptor: Int32

    /// Takes the lock, or throws ``FaceStoreError/storeInUse(_:)`` when another
    /// open store (in this process or another) holds it.
    init(folder: String) throws(FaceStoreError) {
        let path = folder + "/facesearch.lock"
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw POSIX.failure("open", path) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let error: FaceStoreError =
                errno == EWOULDBLOCK ? .storeInUse(folder) : POSIX.failure("lock", path)
            close(descriptor)
            throw error
        }
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }
}
