import FaceStore
import Foundation

extension ServiceSettings.Layer {
    /// The environment variable of each config-file key: `FACESEARCH_` and the key in capitals.
    public static func variable(for key: String) -> String { "FACESEARCH_" + key.uppercased() }

    /// The layer of the `FACESEARCH_*` variables of `environment`. Lists
    /// (`FACESEARCH_CORS_ORIGINS`) are comma-separated; booleans are
    /// `true`/`false`/`1`/`0`. A malformed value is an error naming its variable.
    public init(environment: [String: String]) throws(SettingsError) {
        self.init()
        func text(_ key: CodingKeys) -> String? {
            environment[Self.variable(for: key.rawValue)].flatMap { $0.isEmpty ? nil : $0 }
        }
        func number(_ key: CodingKeys) throws(SettingsError) -> Int? {
            guard let value = text(key) else { return nil }
            guard let number = Int(value) else {
                throw SettingsError("\(Self.variable(for: key.rawValue)) must be an integer, not \(value)")
            }
            return number
        }
        host = text(.host)
        port = try number(.port)
        data = text(.data)
        models = text(.models)
        detector = text(.detector)
        embedder = text(.embedder)
        workers = try number(.workers)
        queueCapacity = try number(.queueCapacity)
        maxBodyBytes = try number(.maxBodyBytes)
        maxTopK = try number(.maxTopK)
        auth = text(.auth)
        func boolean(_ key: CodingKeys) throws(SettingsError) -> Bool? {
            guard let value = text(key) else { return nil }
            switch value.lowercased() {
            case "true", "1", "yes": return true
            case "false", "0", "no": return false
            default:
                throw SettingsError("\(Self.variable(for: key.rawValue)) must be true or false, not \(value)")
            }
        }
        allowUnauthenticatedRemote = try boolean(.allowUnauthenticatedRemote)
        metricsRequireKey = try boolean(.metricsRequireKey)
        corsOrigins = text(.corsOrigins).map {
            $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        searchCacheMiB = try number(.searchCacheMiB)
        thumbnailCacheMiB = try number(.thumbnailCacheMiB)
        idleTimeoutSeconds = try number(.idleTimeoutSeconds)
        shutdownGraceSeconds = try number(.shutdownGraceSeconds)
        milvus = text(.milvus)
    }

    /// The layer of a JSON config file: an object with the snake_case keys
    /// of docs/OPERATIONS.md. Unknown keys are errors, so a typo is not
    /// silently ignored.
    public init(configFile path: String) throws(SettingsError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SettingsError("cannot read the config file \(path)")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw SettingsError("the config file \(path) is not a JSON object")
        }
        let known = Set(CodingKeys.allCases.map(\.rawValue))
        if let unknown = object.keys.sorted().first(where: { !known.contains($0) }) {
            throw SettingsError(
                "the config file \(path) has an unknown key \(unknown); known: "
                    + known.sorted().joined(separator: ", "))
        }
        do {
            self = try JSONCoding.decoder.decode(Self.self, from: data)
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.dataCorrupted(context) {
            let key = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw SettingsError("the config file \(path): \(key) has the wrong type")
        } catch {
            throw SettingsError("the config file \(path) cannot be read: \(error)")
        }
    }
}
