/// The settings one source (command line, environment or config file) gave, before precedence is applied.
struct SettingsLayer: Sendable, Equatable {
    struct Entry: Sendable, Equatable {
        var value: SettingValue
        var origin: SettingOrigin
    }

    var values: [SettingKey: Entry] = [:]
    /// Placeholder values by lower-cased name: Flyway matches placeholder names case-insensitively.
    var placeholders: [String: String] = [:]

    /// This layer with every value of `higher` put over it, placeholder by placeholder.
    func overridden(by higher: SettingsLayer) -> SettingsLayer {
        var result = self
        result.values.merge(higher.values) { _, new in new }
        result.placeholders.merge(higher.placeholders) { _, new in new }
        return result
    }

    /// Layers merged so that each one overrides those before it.
    static func merged(_ layers: [SettingsLayer]) -> SettingsLayer {
        layers.reduce(SettingsLayer()) { $0.overridden(by: $1) }
    }

    func text(_ key: SettingKey) -> String? {
        if case .text(let text)? = values[key]?.value { return text }
        return nil
    }

    func list(_ key: SettingKey) -> [String]? {
        if case .list(let list)? = values[key]?.value { return list }
        return nil
    }

    func flag(_ key: SettingKey) -> Bool? {
        if case .flag(let flag)? = values[key]?.value { return flag }
        return nil
    }

    func number(_ key: SettingKey) -> Int? {
        if case .number(let number)? = values[key]?.value { return number }
        return nil
    }
}
