import Configuration

/// One setting of `facesearch serve`, declared once: its config-file key,
/// from which its flag (`--queue-capacity`) and environment variable
/// (`FACESEARCH_QUEUE_CAPACITY`) follow, its help line, and how its value is
/// read, checked and written into ``ServiceSettings``. The help of
/// `facesearch serve`, the unknown-key check of the config file and the
/// start-up log all come from the list of declarations,
/// ``ServiceSettings/declarations``.
public struct SettingDeclaration: Sendable {
    /// The config-file key (snake_case).
    public let key: String
    /// What the setting does, one line, with its default.
    public let help: String
    /// The command line flag.
    public let flag: String
    /// Whether the flag stands alone (a boolean); others take a value.
    public let isSwitch: Bool
    /// Whether the flag may be repeated, each time adding a value.
    public let isList: Bool
    /// What a value must be, for errors: "an integer", "true or false"...
    public let expected: String
    /// Another flag that sets this setting to a fixed value (`--no-auth`).
    public let shorthand: (flag: String, value: String)?
    /// Reads the value (nil when no source sets it), checks it and writes it.
    let apply: @Sendable (ConfigReader, inout ServiceSettings) throws(SettingsError) -> Void
    /// The resolved value as the start-up log shows it.
    let show: @Sendable (ServiceSettings) -> String

    /// The environment variable: `FACESEARCH_` and the key in capitals.
    public var environmentVariable: String { "FACESEARCH_" + key.uppercased() }

    init(
        key: String, help: String, expected: String, flag: String? = nil, isSwitch: Bool = false,
        isList: Bool = false, shorthand: (flag: String, value: String)? = nil,
        apply: @escaping @Sendable (ConfigReader, inout ServiceSettings) throws(SettingsError) -> Void,
        show: @escaping @Sendable (ServiceSettings) -> String
    ) {
        self.key = key
        self.help = help
        self.flag = flag ?? "--" + key.replacingOccurrences(of: "_", with: "-")
        self.isSwitch = isSwitch
        self.isList = isList
        self.expected = expected
        self.shorthand = shorthand
        self.apply = apply
        self.show = show
    }
}

/// A key path a declaration may keep in a `Sendable` closure.
typealias SettingPath<Value> = WritableKeyPath<ServiceSettings, Value> & Sendable

extension SettingDeclaration {
    /// An integer within `range`.
    static func integer(
        _ key: String, _ path: SettingPath<Int>, in range: ClosedRange<Int>, _ help: String
    ) -> Self {
        Self(
            key: key, help: help, expected: "an integer",
            apply: { reader, settings throws(SettingsError) in
                guard let value = reader.int(forKey: ConfigKey([key])) else { return }
                guard range.contains(value) else {
                    throw SettingsError(
                        "\(key) must be \(range.lowerBound) to \(range.upperBound), not \(value)")
                }
                settings[keyPath: path] = value
            },
            show: { "\($0[keyPath: path])" })
    }

    /// A non-empty text.
    static func text(_ key: String, _ path: SettingPath<String>, _ help: String) -> Self {
        Self(
            key: key, help: help, expected: "a text",
            apply: { reader, settings throws(SettingsError) in
                guard let value = reader.string(forKey: ConfigKey([key])) else { return }
                guard !value.isEmpty else { throw SettingsError("\(key) must not be empty") }
                settings[keyPath: path] = value
            },
            show: { $0[keyPath: path] })
    }

    /// A boolean; its flag is a switch.
    static func boolean(
        _ key: String, _ path: SettingPath<Bool>, _ help: String
    ) -> Self {
        Self(
            key: key, help: help, expected: "true or false", isSwitch: true,
            apply: { reader, settings in
                if let value = reader.bool(forKey: ConfigKey([key])) { settings[keyPath: path] = value }
            },
            show: { "\($0[keyPath: path])" })
    }

    /// A list of texts: a repeatable flag, a comma-separated variable, a JSON array.
    static func list(
        _ key: String, _ path: SettingPath<[String]>, flag: String, unset: String, _ help: String
    ) -> Self {
        Self(
            key: key, help: help, expected: "a list of texts", flag: flag, isList: true,
            apply: { reader, settings in
                guard let values = reader.stringArray(forKey: ConfigKey([key])) else { return }
                settings[keyPath: path] = values.filter { !$0.isEmpty }
            },
            show: { settings in
                settings[keyPath: path].isEmpty ? unset : settings[keyPath: path].joined(separator: ",")
            })
    }

    /// A text parsed into a value; `expected` says what parses, for the error.
    static func parsed<Value>(
        _ key: String, _ path: SettingPath<Value>, expected: String,
        shorthand: (flag: String, value: String)? = nil,
        _ help: String, parse: @escaping @Sendable (String) -> Value?,
        show: @escaping @Sendable (ServiceSettings) -> String
    ) -> Self {
        Self(
            key: key, help: help, expected: expected, shorthand: shorthand,
            apply: { reader, settings throws(SettingsError) in
                guard let text = reader.string(forKey: ConfigKey([key])) else { return }
                guard let value = parse(text) else {
                    throw SettingsError("\(key) must be \(expected), not \(text)")
                }
                settings[keyPath: path] = value
            },
            show: show)
    }
}
