import Foundation

/// Finds the photos to ingest or evaluate.
public enum PhotoFiles {
    /// File name extensions read as photos.
    public static let extensions: Set<String> = ["jpg", "jpeg", "png", "webp"]

    /// The photo files under each path (folders searched recursively, files
    /// taken as they are), sorted, without duplicates. Throws for a path that
    /// does not exist.
    public static func find(under paths: [String]) throws -> [String] {
        var found: Set<String> = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw EngineError.invalidArgument("\(path): no such file or folder")
            }
            guard isDirectory.boolValue else {
                found.insert(path)
                continue
            }
            let enumerator = FileManager.default.enumerator(atPath: path)
            while let relative = enumerator?.nextObject() as? String {
                if extensions.contains((relative as NSString).pathExtension.lowercased()) {
                    found.insert((path as NSString).appendingPathComponent(relative))
                }
            }
        }
        return found.sorted()
    }

    /// The name of the folder a photo is in: its label with `--label-from-folder`.
    public static func folderLabel(of path: String) -> String {
        ((path as NSString).deletingLastPathComponent as NSString).lastPathComponent
    }
}
