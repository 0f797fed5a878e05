import Diagnostics

extension SettingsLayer {
    /// Slipway's own variables that are not settings, so they draw no "unknown variable" warning.
    static let nonSettingSlipwayVariables: Set<String> = ["SLIPWAY_PG_BIN"]

    /// Reads `SLIPWAY_<KEY>` and `FLYWAY_<KEY>` variables (UPPER_SNAKE keys); `SLIPWAY_` wins over `FLYWAY_`.
    ///
    /// `<PREFIX>_PLACEHOLDERS_<NAME>` sets placeholder `<name>` (lower-cased). Unknown `FLYWAY_` variables are
    /// ignored because Flyway has many settings Slipway does not need; unknown `SLIPWAY_` ones are warnings.
    static func environment(
        _ environment: [String: String], errors: inout [Diagnostic], warnings: inout [Diagnostic]
    ) -> SettingsLayer {
        let flyway = prefixed("FLYWAY_", in: environment, errors: &errors, unknown: { _ in })
        let slipway = prefixed("SLIPWAY_", in: environment, errors: &errors) { name in
            guard !nonSettingSlipwayVariables.contains(name) else { return }
            warnings.append(Diagnostic(
                .warning, category: .input, code: "unknown-variable",
                message: "environment variable \(name) is not a Slipway setting and is ignored",
                hint: "settings are SLIPWAY_<KEY> with the key in UPPER_SNAKE case, e.g. "
                    + SettingKey.allCases.prefix(4).map { "SLIPWAY_\($0.environmentSuffix)" }.joined(separator: ", ")))
        }
        return flyway.overridden(by: slipway)
    }

    private static func prefixed(
        _ prefix: String, in environment: [String: String], errors: inout [Diagnostic], unknown: (String) -> Void
    ) -> SettingsLayer {
        let placeholderPrefix = "PLACEHOLDERS_"
        var layer = SettingsLayer()
        for (name, text) in environment.sorted(by: { $0.key < $1.key }) where name.hasPrefix(prefix) {
            let suffix = String(name.dropFirst(prefix.count))
            if suffix.hasPrefix(placeholderPrefix), suffix.count > placeholderPrefix.count {
                layer.placeholders[suffix.dropFirst(placeholderPrefix.count).lowercased()] = text
            } else if let key = SettingKey.forEnvironmentSuffix(suffix) {
                layer.set(key, text: text, origin: .environment(name), errors: &errors)
            } else {
                unknown(name)
            }
        }
        return layer
    }
}
