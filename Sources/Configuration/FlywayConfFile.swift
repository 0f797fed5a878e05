import Diagnostics

/// A Flyway 8/9 `flyway.conf` (Java properties with `flyway.` keys) and the settings it gives.
struct FlywayConfFile: Sendable {
    private static let prefix = "flyway."
    /// The path used in diagnostics, as the user wrote it.
    let file: String
    let text: FlywayConfText

    /// Settings by Flyway's names; a `flyway.` key Flyway does not know is an error, as in Flyway; keys
    /// without the prefix are not Flyway's and are skipped, as Flyway skips them.
    func layer(errors: inout [Diagnostic], notes: inout [Diagnostic]) -> SettingsLayer {
        var layer = SettingsLayer()
        for entry in text.entries where entry.key.hasPrefix(Self.prefix) {
            let origin = SettingOrigin(
                description: "setting '\(entry.key)' in \(file)",
                location: SourceLocation(file: file, line: entry.line, column: entry.column))
            // Flyway drops it too: only the command line and the environment name config files.
            if entry.key == Self.prefix + SettingKey.configFiles.rawValue {
                notes.append(SettingsLayer.noEffect(origin, reason: "a config file cannot name other config files"))
                continue
            }
            layer.setFlyway(
                String(entry.key.dropFirst(Self.prefix.count)), text: entry.value, origin: origin,
                unknownSeverity: .error, errors: &errors, notes: &notes)
        }
        return layer
    }
}
