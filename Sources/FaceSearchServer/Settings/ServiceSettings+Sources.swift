import Configuration
import FaceVision
import Foundation
import SystemPackage

extension ServiceSettings {
    /// The settings of `facesearch serve`, read through one `ConfigReader`
    /// over the command line `arguments` (the setting flags only), the
    /// `FACESEARCH_*` variables of `environment` and the JSON config file at
    /// `configFile`, the first that sets a value winning; then checked as a
    /// whole. A flag, key or value that is not a setting's is an error naming
    /// it, so a typo is never silently ignored.
    public static func load(
        arguments: [String], environment: [String: String], configFile: String?
    ) async throws(SettingsError) -> ServiceSettings {
        let flags = try SettingArguments(arguments, declarations: declarations)
        let commandLine = CommandLineArgumentsProvider(arguments: ["serve"] + flags.normalized)
        let variables = EnvironmentVariablesProvider(
            environmentVariables: environment.filter { $0.key.hasPrefix("FACESEARCH_") && !$0.value.isEmpty })
        var providers: [any ConfigProvider] = [
            KeyMappingProvider(upstream: commandLine) { key in
                AbsoluteConfigKey([flags.flagName(of: key.components.joined(separator: "."))])
            },
            KeyMappingProvider(upstream: variables) { $0.prepending(["facesearch"]) },
        ]
        var names = [providers[0].providerName: Source.flag, providers[1].providerName: .environment]
        if let configFile {
            let file = try await Self.fileProvider(configFile)
            names[file.providerName] = .file
            providers.append(file)
        }
        let outcomes = SettingOutcomes()
        let reader = ConfigReader(providers: providers, accessReporter: outcomes)
        var settings = ServiceSettings()
        for setting in declarations {
            try setting.apply(reader, &settings)
            switch outcomes.outcome(of: setting.key) {
            case .failed(let provider):
                throw SettingsError(
                    Self.wrongType(setting, in: names[provider] ?? .default, configFile: configFile))
            case .found(let provider):
                settings.sources[setting.key] = names[provider] ?? .default
            case nil:
                settings.sources[setting.key] = .default
            }
        }
        try settings.resolveModels()
        try settings.validate()
        return settings
    }

    /// The config file's provider, after checking that it is a JSON object
    /// whose every key is a setting's.
    private static func fileProvider(_ path: String) async throws(SettingsError) -> FileProvider<JSONSnapshot>
    {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SettingsError("cannot read the config file \(path)")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw SettingsError("the config file \(path) is not a JSON object")
        }
        let known = Set(declarations.map(\.key))
        if let unknown = object.keys.sorted().first(where: { !known.contains($0) }) {
            throw SettingsError(
                "the config file \(path) has an unknown key \(unknown); known: "
                    + known.sorted().joined(separator: ", "))
        }
        do {
            return try await FileProvider<JSONSnapshot>(filePath: FilePath(path))
        } catch {
            throw SettingsError("the config file \(path) cannot be read: \(error)")
        }
    }

    /// The message for a value of the wrong type, naming where it was set.
    private static func wrongType(_ setting: SettingDeclaration, in source: Source, configFile: String?)
        -> String
    {
        let place =
            switch source {
            case .flag: setting.flag
            case .environment: setting.environmentVariable
            case .file: "\(setting.key) in the config file \(configFile ?? "")"
            case .default: setting.key
            }
        return "\(place) must be \(setting.expected): \(setting.help)"
    }

    /// The detector and embedder from the names the sources gave: a name
    /// alone brings its partner; a pair that cannot work together is refused.
    private mutating func resolveModels() throws(SettingsError) {
        pipelineModels = ModelChoice.resolving(
            detector: namedDetector, embedder: namedEmbedder, defaults: pipelineModels)
        do {
            try pipelineModels.validate()
        } catch {
            throw SettingsError(
                "the sface embedder needs the yunet detector, not \(pipelineModels.detector.rawValue)")
        }
    }
}
