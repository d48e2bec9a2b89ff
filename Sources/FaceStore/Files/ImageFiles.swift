import Dispatch
import Foundation

/// The content-addressed folder of original photos:
/// `images/<first 2 hex of sha256>/<sha256>.<jpg|png|webp>`.
///
/// These are the file steps of ``FaceStore``'s crash-safe insert and delete
/// (the order is documented there): a new file is written under a temporary
/// name (`<sha256>.<random>.tmp`) in its final directory and fsynced, then
/// renamed to its content address and the directory fsynced. The 256
/// sub-directories are made (and made durable) when the store opens, so
/// placing a file never creates a directory.
///
/// Writing and hashing run on this type's own dispatch queue, never on
/// Swift's cooperative pool; placing and removing run inside a GRDB write
/// access (on GRDB's writer queue), which serialises them with the
/// transactions that refer to the files.
struct ImageFiles: Sendable {
    /// The absolute path of the images folder.
    let root: String
    private let queue = DispatchQueue(label: "facestore.files", qos: .utility, attributes: .concurrent)

    /// Opens (creating when needed) the images folder and its 256 sub-directories.
    init(root: String) throws(FaceStoreError) {
        self.root = root
        var created = try POSIX.makeDirectory(root)
        for prefix in 0..<256 {
            let directory = root + "/" + Self.hexByte(prefix)
            if try POSIX.makeDirectory(directory) {
                created = true
            }
        }
        if created {
            try POSIX.synchronizeDirectory(root)
            try POSIX.synchronizeDirectory((root as NSString).deletingLastPathComponent)
        }
    }

    /// The names of the 256 sub-directories, `00` to `ff`.
    static let subdirectories = (0..<256).map(hexByte)

    /// The relative name of the stored file for these bytes and format.
    static func fileName(sha256: String, format: String) -> String {
        "\(sha256.prefix(2))/\(sha256).\(NewImage.formats[format] ?? format)"
    }

    /// Whether `name` is one ``fileName(sha256:format:)`` makes: `xx/<64 hex>.<ext>`.
    static func isValidFileName(_ name: String) -> Bool {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let dot = parts[1].firstIndex(of: ".") else { return false }
        let digest = parts[1][..<dot]
        let ext = parts[1][parts[1].index(after: dot)...]
        return digest.utf8.count == 64 && digest.utf8.allSatisfy(\.isLowerHexDigit)
            && parts[0] == digest.prefix(2) && NewImage.formats.values.contains(String(ext))
    }

    /// The absolute path of a stored file.
    func path(_ fileName: String) -> String {
        root + "/" + fileName
    }

    /// Checks the image's digest against its bytes, writes them to a new
    /// temporary file beside their content address and fsyncs it. Runs on
    /// this type's queue; returns the temporary file's path.
    func writeTemporary(_ image: NewImage, as fileName: String) async throws -> String {
        let temporary = path(fileName) + "." + String(UInt64.random(in: .min ... .max), radix: 16) + ".tmp"
        return try await queue.perform {
            let digest = ContentDigest.hex(image.bytes)
            guard digest == image.sha256 else {
                throw FaceStoreError.invalidInput(
                    "sha256 \(image.sha256) is not the digest of the bytes (\(digest))")
            }
            try POSIX.writeDurably(image.bytes, to: temporary)
            return temporary
        }
    }

    /// Gives a fsynced temporary file its content address and makes the name
    /// durable. When the address is already taken (the same bytes are stored
    /// for another image), the temporary file is dropped instead: the bytes
    /// are the same. Returns true when this call created the stored file.
    func place(temporary: String, as fileName: String) throws(FaceStoreError) -> Bool {
        let destination = path(fileName)
        if POSIX.exists(destination) {
            try POSIX.remove(temporary)
            return false
        }
        try POSIX.rename(temporary, to: destination)
        do {
            try POSIX.synchronizeDirectory((destination as NSString).deletingLastPathComponent)
        } catch {
            // Not known to be durable, so no row may refer to it: take it back.
            _ = try? POSIX.remove(destination)
            throw error
        }
        return true
    }

    /// Runs `body` on this type's queue, off Swift's cooperative pool.
    func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await queue.perform(body)
    }

    /// The names in one sub-directory.
    func entries(of subdirectory: String) throws(FaceStoreError) -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: root + "/" + subdirectory)
        } catch {
            throw .io("list \(root)/\(subdirectory): \(error.localizedDescription)")
        }
    }

    private static func hexByte(_ value: Int) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[value >> 4], digits[value & 15]])
    }
}
