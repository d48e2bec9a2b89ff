#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The few system calls the content-addressed folder needs, with errors as
/// ``FaceStoreError/io(_:)`` naming the file and the reason.
enum POSIX {
    /// Creates `path` (it must not exist), writes all of `bytes`, makes them
    /// durable with fsync and closes the file. On failure the file is removed.
    static func writeDurably(_ bytes: [UInt8], to path: String) throws(FaceStoreError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure("create", path) }
        var failed: FaceStoreError?
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failed = failure("write", path)
                    return
                }
                offset += written
            }
        }
        if failed == nil, !synchronize(descriptor) { failed = failure("fsync", path) }
        if close(descriptor) != 0, failed == nil { failed = failure("close", path) }
        if let failed {
            unlink(path)
            throw failed
        }
    }

    /// Makes the bytes of an existing file durable.
    static func synchronizeFile(_ path: String) throws(FaceStoreError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure("open", path) }
        defer { close(descriptor) }
        guard synchronize(descriptor) else { throw failure("fsync", path) }
    }

    /// Makes a directory's entries (a rename, a new file) durable.
    static func synchronizeDirectory(_ path: String) throws(FaceStoreError) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure("open directory", path) }
        defer { close(descriptor) }
        guard synchronize(descriptor) else { throw failure("fsync directory", path) }
    }

    /// Atomically gives `source` the name `destination` (same file system).
    static func rename(_ source: String, to destination: String) throws(FaceStoreError) {
        #if canImport(Glibc)
            let result = Glibc.rename(source, destination)
        #else
            let result = Darwin.rename(source, destination)
        #endif
        guard result == 0 else { throw failure("rename to \(destination)", source) }
    }

    /// Removes a file; true if it was there and is gone, false if it was already missing.
    @discardableResult
    static func remove(_ path: String) throws(FaceStoreError) -> Bool {
        if unlink(path) == 0 { return true }
        if errno == ENOENT { return false }
        throw failure("remove", path)
    }

    /// Whether anything exists at `path` (without following a symbolic link).
    static func exists(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0
    }

    /// Creates a directory; true if it was created, false if it already existed.
    static func makeDirectory(_ path: String) throws(FaceStoreError) -> Bool {
        if mkdir(path, 0o755) == 0 { return true }
        if errno == EEXIST { return false }
        throw failure("create directory", path)
    }

    /// An error for the call that just failed, read from `errno`.
    static func failure(_ operation: String, _ path: String) -> FaceStoreError {
        .io("\(operation) \(path): \(String(cString: strerror(errno)))")
    }

    private static func synchronize(_ descriptor: Int32) -> Bool {
        #if canImport(Darwin)
            // On Darwin, fsync does not reach the platter; F_FULLFSYNC does.
            return fcntl(descriptor, F_FULLFSYNC) == 0 || fsync(descriptor) == 0
        #else
            return fsync(descriptor) == 0
        #endif
    }
}
