import Diagnostics

extension SettingsLayer {
    /// Slipway's own variables that are not settings, so they draw no "unknown variable" warning.
    static let nonSettingSlipwayVariables: Set<String> = ["SLIPWAY_PG_BIN"]

    /// Reads `SLIPWAY_<KEY>` and `FLYWAY_<KEY>` variables (UPPER_SNAKE keys); `SLIPWAY_` wins over `FLYWAY_`.
    ///
    /// `<PREFIX>_PLACEHOLDERS_<NAME>` sets placeholder `<name>` (lower-cased). `FLYWAY_` variables are read as
    /// Flyway reads them (its own spellings, e.g. `FLYWAY_DRYRUN_OUTPUT`); those Slipway does not use draw a
    /// note, and a `FLYWAY_` or `SLIPWAY_` variable that names no setting a warning, so a typo cannot pass silently.
    static func environment(
        _ environment: [String: String], errors: inout [Diagnostic], warnings: inout [Diagnostic]
    ) -> SettingsLayer {
        var flyway = SettingsLayer()
        for (name, text) in environment.sorted(by: { $0.key < $1.key }) where name.hasPrefix("FLYWAY_") {
            flyway.setFlywayVariable(name, text: text, errors: &errors, notes: &warnings)
        }
        var slipway = SettingsLayer()
        for (name, text) in environment.sorted(by: { $0.key < $1.key }) where name.hasPrefix("SLIPWAY_") {
            if !slipway.setVariable(name, prefix: "SLIPWAY_", text: text, errors: &errors),
               !nonSettingSlipwayVariables.contains(name) {
                warnings.append(unknownVariable(name, prefix: "SLIPWAY_"))
            }
        }
        return flyway.overridden(by: slipway)
    }

    private mutating func setFlywayVariable(_ name: String, text: String, errors: inout [Diagnostic], notes: inout [Diagnostic]) {
        let origin = SettingOrigin.environment(name)
        if let setting = FlywaySetting.variable(name) {
            setFlyway(setting.name, text: text, origin: origin, unknownSeverity: .warning, errors: &errors, notes: &notes)
        } else if setVariable(name, prefix: "FLYWAY_", text: text, errors: &errors) {
            return
        } else if name.hasPrefix("FLYWAY_JDBC_PROPERTIES_") {
            notes.append(Self.noEffect(origin, reason: FlywaySetting.named("jdbcProperties")?.reason))
        } else if !FlywaySetting.toolVariables.contains(name) {
            notes.append(Self.unknownVariable(name, prefix: "FLYWAY_"))
        }
    }

    private static func unknownVariable(_ name: String, prefix: String) -> Diagnostic {
        let tool = prefix == "FLYWAY_" ? "Flyway" : "Slipway"
        return Diagnostic(
            .warning, category: .input, code: "unknown-variable",
            message: "environment variable \(name) is not a \(tool) setting and is ignored",
            hint: "settings are \(prefix)<KEY> with the key in UPPER_SNAKE case, e.g. "
                + SettingKey.allCases.prefix(4).map { prefix + $0.environmentSuffix }.joined(separator: ", "))
    }

    /// Stores `<prefix><KEY>` or `<prefix>PLACEHOLDERS_<NAME>`; false when the variable names neither.
    private mutating func setVariable(_ name: String, prefix: String, text: String, errors: inout [Diagnostic]) -> Bool {
        let placeholderPrefix = "PLACEHOLDERS_"
        let suffix = String(name.dropFirst(prefix.count))
        if suffix.hasPrefix(placeholderPrefix), suffix.count > placeholderPrefix.count {
            placeholders[suffix.dropFirst(placeholderPrefix.count).lowercased()] = text
        } else if let key = SettingKey.forEnvironmentSuffix(suffix) {
            set(key, text: text, origin: .environment(name), errors: &errors)
        } else {
            return false
        }
        return true
    }
}
