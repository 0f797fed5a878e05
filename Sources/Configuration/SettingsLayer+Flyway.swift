import Diagnostics

extension SettingsLayer {
    private static let placeholderPrefix = "placeholders."
    private static let jdbcPropertiesPrefix = "jdbcProperties."

    /// Takes one setting under Flyway's name (`outOfOrder`, `placeholders.owner`), given as text by a
    /// `flyway.conf` line, a `pom.xml` element or a `FLYWAY_*` variable.
    ///
    /// Honoured settings are stored; accepted ones without effect in Slipway add a note to `notes`; Slipway's
    /// own keys (`lockTimeout`, `secretEnv`, …) are stored too. A name neither knows is reported with
    /// `unknownSeverity`: an error where Flyway rejects it (config files), a warning elsewhere.
    mutating func setFlyway(
        _ name: String, text: String, origin: SettingOrigin, unknownSeverity: Diagnostic.Severity,
        errors: inout [Diagnostic], notes: inout [Diagnostic]
    ) {
        if name.hasPrefix(Self.placeholderPrefix), name.count > Self.placeholderPrefix.count {
            placeholders[name.dropFirst(Self.placeholderPrefix.count).lowercased()] = text
        } else if name.hasPrefix(Self.jdbcPropertiesPrefix) {
            notes.append(Self.noEffect(origin, reason: FlywaySetting.named("jdbcProperties")?.reason))
        } else if let setting = FlywaySetting.named(name) {
            apply(setting, text: text, origin: origin, errors: &errors, notes: &notes)
        } else if let key = SettingKey(rawValue: name) {
            set(key, text: text, origin: origin, errors: &errors)
        } else {
            let problem = Diagnostic(
                unknownSeverity, category: .input, location: origin.location, code: "unknown-setting",
                message: "\(origin.description) is not a Flyway setting"
                    + (unknownSeverity == .error ? " (Flyway rejects it too: \"Unknown configuration property\")" : " and is ignored"),
                hint: "check the spelling; the README's table \"Flyway settings\" lists every one")
            if unknownSeverity == .error { errors.append(problem) } else { notes.append(problem) }
        }
    }

    private mutating func apply(
        _ setting: FlywaySetting, text: String, origin: SettingOrigin, errors: inout [Diagnostic], notes: inout [Diagnostic]
    ) {
        switch setting.use {
        case .honoured(let key):
            set(key, text: text, origin: origin, errors: &errors)
        case .noEffect:
            notes.append(Self.noEffect(origin, reason: setting.reason))
        case .refusedWhenTrue(let reason):
            if SettingValue.parse(text, as: .flag) == .flag(true) {
                errors.append(Diagnostic(
                    category: .input, location: origin.location, code: "unsupported-setting",
                    message: "\(origin.description) is true, which Slipway cannot honour: \(reason)",
                    hint: "remove the setting, or run this step with Flyway Teams"))
            } else {
                notes.append(Self.noEffect(origin, reason: reason))
            }
        }
    }

    /// The one-line note for a setting Slipway accepts but does not use.
    static func noEffect(_ origin: SettingOrigin, reason: String?) -> Diagnostic {
        Diagnostic(
            .note, category: .input, location: origin.location, code: "no-effect",
            message: "\(origin.description) has no effect in Slipway" + (reason.map { ": \($0)" } ?? ""))
    }
}
