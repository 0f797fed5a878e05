import Diagnostics

/// Builds ``Settings`` from the command line, the environment and a config file.
public enum SettingsLoader {
    /// Environment variables holding passwords; all are secrets, even when another source wins.
    private static let passwordVariables = ["SLIPWAY_PASSWORD", "FLYWAY_PASSWORD", "PGPASSWORD"]

    /// Loads the settings; for each one the command line wins over the environment, which wins over the
    /// config file, which wins over the defaults.
    ///
    /// - Parameters:
    ///   - commandLine: canonical keys (`url`, `outOfOrder`, `placeholders.<name>`, …) with text values;
    ///     lists are comma-separated, flags `true`/`false`.
    ///   - environment: the process environment (`SLIPWAY_*`, `FLYWAY_*`, `PG*`, and what `${env.NAME}` names).
    ///   - currentDirectory: where `slipway.toml` / `flyway.toml` are looked for and relative paths start.
    ///   - fetchSecret: reads a `secretId` secret's JSON (Secrets Manager); nil makes `secretId` an error.
    /// - Throws: every problem found, at once; no message shows a password.
    public static func load(
        commandLine: [String: String], environment: [String: String], currentDirectory: String,
        fetchSecret: SecretFetcher? = nil
    ) throws(DiagnosticList) -> Settings {
        var errors: [Diagnostic] = []
        var warnings: [Diagnostic] = []
        let outer = SettingsLayer.environment(environment, errors: &errors, warnings: &warnings)
            .overridden(by: SettingsLayer.commandLine(commandLine, errors: &errors))
        var settings = Settings()
        let (fileLayer, paths, filePasswords) = fileLayer(
            outer: outer, environment: environment, currentDirectory: currentDirectory, errors: &errors, notes: &warnings)
        settings.configFile = paths.last
        let merged = fileLayer.overridden(by: outer)
        settings.apply(merged, currentDirectory: currentDirectory, errors: &errors)
        if merged.values[.locations] == nil, let maven = defaultLocations(in: currentDirectory) {
            settings.locations = maven
        }
        settings.production = fileLayer.flag(.production) == true || outer.flag(.production) == true
        var secrets = ([commandLine["password"]] + filePasswords + passwordVariables.map { environment[$0] })
            .compactMap { $0 }
        do {
            settings.database = try resolveDatabase(
                merged, dialect: settings.dialect, environment: environment, fetchSecret: fetchSecret, secrets: &secrets)
        } catch {
            errors.append(error)
        }
        settings.secrets = unique(secrets)
        let redactor = Redactor(secrets: settings.secrets)
        guard errors.isEmpty else { throw DiagnosticList(errors.map(redactor.redact)) }
        settings.warnings = (warnings + (settings.database?.warnings ?? [])).map(redactor.redact)
        return settings
    }

    private static func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }
}
