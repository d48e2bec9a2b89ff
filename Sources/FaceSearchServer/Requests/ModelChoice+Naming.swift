import FaceVision

extension ModelChoice {
    /// The detectors a request may name, for error messages.
    static var detectorNames: String {
        PipelineConfiguration.DetectorChoice.allCases.map(\.rawValue).joined(separator: ", ")
    }

    /// The embedders a request may name, for error messages.
    static var embedderNames: String { EmbedderChoice.allCases.map(\.rawValue).joined(separator: " or ") }

    /// The models a request names, `defaults` where it names none, a name
    /// alone bringing a partner that works with it (`ModelChoice.resolving`).
    /// Unknown names and pairs that cannot work together are `invalid_argument`.
    static func named(detector: String?, embedder: String?, defaults: ModelChoice) throws(APIError)
        -> ModelChoice
    {
        var detectorChoice: PipelineConfiguration.DetectorChoice?
        var embedderChoice: EmbedderChoice?
        if let embedder {
            guard let choice = EmbedderChoice(rawValue: embedder) else {
                throw .invalidArgument("embedder must be \(embedderNames), not \(embedder)")
            }
            embedderChoice = choice
        }
        if let detector {
            guard let choice = PipelineConfiguration.DetectorChoice(rawValue: detector) else {
                throw .invalidArgument("detector must be one of \(detectorNames), not \(detector)")
            }
            detectorChoice = choice
        }
        let models = ModelChoice.resolving(
            detector: detectorChoice, embedder: embedderChoice, defaults: defaults)
        do {
            try models.validate()
        } catch {
            throw .invalidArgument(error.description)
        }
        return models
    }
}

extension KeyedDecodingContainer {
    /// The string at `key`, nil when the member is absent; `null` (where the
    /// document declares a string) is `invalid_argument` naming what is `allowed`.
    func optionalString(_ key: Key, allowed: String) throws -> String? {
        guard contains(key) else { return nil }
        if try decodeNil(forKey: key) {
            throw APIError.invalidArgument("\(key.stringValue) must be \(allowed), not null")
        }
        return try decode(String.self, forKey: key)
    }
}
