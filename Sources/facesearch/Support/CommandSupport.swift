import ArgumentParser
import FaceSearch
import FaceStore
import FaceVision
import Foundation
import Logging

/// Library logs are for the service; the CLI prints its own results.
let quietLogger: Logger = {
    var logger = Logger(label: "facesearch.cli")
    logger.logLevel = .warning
    return logger
}()

/// A failure the CLI reports as one line on standard error, then exits non-zero.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
}

/// Reads a whole file, with an error that names the file.
func readPhoto(_ path: String) throws -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: path) else {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        throw CommandFailure(
            description: "\(path): "
                + (exists ? (isDirectory.boolValue ? "is a folder" : "cannot be read") : "no such file"))
    }
    return [UInt8](data)
}

/// One line explaining a failure, prefixed with the file it concerns.
func explain(_ error: any Error, path: String?) -> String {
    if let failure = error as? CommandFailure { return failure.description }
    return (path.map { "\($0): " } ?? "") + "\(error)"
}

/// A stable code for `--json` error objects.
func errorCode(_ error: any Error) -> String {
    error is CommandFailure ? "unreadable_file" : FaceSearch.errorCode(error)
}

/// Writes a line to standard error.
func printError(_ line: String) {
    FileHandle.standardError.write(Data("facesearch: \(line)\n".utf8))
}

/// Prints `value` as pretty JSON with sorted keys.
func printJSON(_ value: some Encodable) throws {
    print(String(decoding: try JSONCoding.pretty.encode(value), as: UTF8.self))
}

/// The error object `--json` output carries for a photo that failed.
struct JSONError: Encodable {
    let code: String
    let message: String

    init(_ error: any Error, path: String) {
        code = errorCode(error)
        message = explain(error, path: path)
    }
}

extension FaceBox {
    /// "left,top,right,bottom" for text output.
    var text: String { "left \(left) top \(top) right \(right) bottom \(bottom) (\(width)x\(height))" }
}

extension Double {
    /// This number with `digits` decimals.
    func formatted(_ digits: Int) -> String { String(format: "%.\(digits)f", self) }
}
