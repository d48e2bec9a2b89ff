/// The setting flags of a `facesearch serve` command line, checked against
/// the declarations before `CommandLineArgumentsProvider` reads them: an
/// unknown flag or a stray word is an error rather than a setting silently
/// ignored; a shorthand (`--no-auth`) becomes its setting's flag and value;
/// a flag given twice keeps its last value, as other commands' flags do,
/// except a list's, which keeps them all. The provider splits values at
/// commas, so a single value holding one is refused with a way around it.
struct SettingArguments: Sendable {
    /// The flags in `--flag=value` form (a switch alone), one per value.
    let normalized: [String]
    /// Each config key's flag without its leading dashes.
    private let flagNames: [String: String]

    init(_ arguments: [String], declarations: [SettingDeclaration]) throws(SettingsError) {
        var byFlag: [String: SettingDeclaration] = [:]
        var shorthands: [String: SettingDeclaration] = [:]
        for setting in declarations {
            byFlag[setting.flag] = setting
            if let shorthand = setting.shorthand { shorthands[shorthand.flag] = setting }
        }
        var order: [String] = []
        var values: [String: [String?]] = [:]
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let token = arguments[index]
            index += 1
            let (name, inline) = Self.split(token)
            var setting: SettingDeclaration
            var value: String?
            if let match = shorthands[name], inline == nil {
                (setting, value) = (match, match.shorthand?.value)
            } else if let match = byFlag[name] {
                setting = match
                value = inline
                if value == nil, !match.isSwitch {
                    guard index < arguments.endIndex, !arguments[index].hasPrefix("--") else {
                        throw SettingsError("\(name) needs a value (\(match.help))")
                    }
                    value = arguments[index]
                    index += 1
                }
            } else if token.hasPrefix("-") {
                throw SettingsError("unknown option \(token) (facesearch serve --help lists the settings)")
            } else {
                throw SettingsError("unexpected argument \(token)")
            }
            if !setting.isList, let value, value.contains(",") {
                // CommandLineArgumentsProvider splits every value at its commas.
                throw SettingsError(
                    "\(setting.flag) cannot hold a comma; set \(setting.environmentVariable) "
                        + "or \(setting.key) in the config file instead")
            }
            if values[setting.flag] == nil { order.append(setting.flag) }
            values[setting.flag, default: []] =
                (setting.isList ? values[setting.flag, default: []] : []) + [value]
        }
        normalized = order.flatMap { flag in
            values[flag, default: []].map { value in value.map { "\(flag)=\($0)" } ?? flag }
        }
        flagNames = Dictionary(
            uniqueKeysWithValues: declarations.map { ($0.key, String($0.flag.dropFirst(2))) })
    }

    /// The flag name `CommandLineArgumentsProvider` looks up for `key`.
    func flagName(of key: String) -> String { flagNames[key] ?? key }

    /// `--name=value` as its name and value; any other token as itself.
    private static func split(_ token: String) -> (name: String, value: String?) {
        guard token.hasPrefix("--"), let equals = token.firstIndex(of: "=") else { return (token, nil) }
        return (String(token[..<equals]), String(token[token.index(after: equals)...]))
    }
}
