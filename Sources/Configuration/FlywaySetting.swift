/// One of Flyway's documented settings (Community and Teams, read from Flyway 13's `ConfigUtils`, its
/// configuration models and configuration extensions), and what Slipway does with it.
///
/// Flyway itself rejects only keys it does not know; so every key listed here is accepted, either honoured as
/// a ``SettingKey`` or with a one-line note saying why it changes nothing in Slipway.
struct FlywaySetting: Sendable {
    enum Use: Sendable, Equatable {
        /// Slipway's setting of the same meaning.
        case honoured(SettingKey)
        /// Accepted; the text says why it has no effect in Slipway.
        case noEffect(String)
        /// Accepted when false; refused when true, because ignoring it would change the database against the
        /// user's intent (e.g. run migrations the setting says to skip).
        case refusedWhenTrue(String)
    }

    /// Flyway's name without the `flyway.` prefix, e.g. `postgresql.transactional.lock`.
    let name: String
    let use: Use
    /// Flyway's environment variable, when it does not follow from the name (Flyway's own spellings).
    let variable: String?

    init(_ name: String, _ use: Use, variable: String? = nil) {
        self.name = name
        self.use = use
        self.variable = variable
    }

    /// Why the setting changes nothing in Slipway; nil for honoured ones.
    var reason: String? {
        switch use {
        case .honoured: nil
        case .noEffect(let text), .refusedWhenTrue(let text): text
        }
    }

    /// `FLYWAY_<NAME>` as Flyway spells it: the name in UPPER_SNAKE case with dots as underscores.
    var environmentVariable: String {
        variable ?? "FLYWAY_" + Self.upperSnake(name)
    }

    static func upperSnake(_ name: String) -> String {
        var result = ""
        for character in name {
            if character == "." {
                result += "_"
            } else {
                if character.isUppercase { result += "_" }
                result += character.uppercased()
            }
        }
        return result
    }

    /// A setting Flyway knows, by its name (`outOfOrder`, `postgresql.transactional.lock`); nil when unknown.
    static func named(_ name: String) -> FlywaySetting? {
        if let setting = byName[name] { return setting }
        guard let dot = name.firstIndex(of: "."), let reason = namespaces[String(name[..<dot])] else { return nil }
        return FlywaySetting(name, .noEffect(reason))
    }

    /// Flyway's namespaces of settings for its other commands and integrations (`check.buildUrl`,
    /// `vault.token`), from its documentation's "Flyway Namespace" pages; any key in one is accepted.
    static let namespaces: [String: String] = {
        var namespaces: [String: String] = [:]
        for command in ["add", "check", "deploy", "diff", "diffText", "generate", "init", "model", "prepare", "snapshot", "tags"] {
            namespaces[command] = "it configures Flyway's `\(command)` command, which Slipway does not have"
        }
        for snapshotting in ["migrate", "undo"] {
            namespaces[snapshotting] = "it configures snapshots after `\(snapshotting)`; Slipway takes none (`slipway dump` writes the schema)"
        }
        for secrets in ["akv", "dapr", "vault"] {
            namespaces[secrets] = "Slipway reads secrets from --secret-env (AWS Secrets Manager JSON), not \(secrets)"
        }
        for database in ["clickhouse", "db2z"] { namespaces[database] = otherDatabase }
        return namespaces
    }()

    /// A setting by Flyway's environment variable (`FLYWAY_DEFAULT_SCHEMA`); nil when Flyway has none such.
    static func variable(_ name: String) -> FlywaySetting? {
        byVariable[name]
    }

    private static let byName = Dictionary(all.map { ($0.name, $0) }) { first, _ in first }
    private static let byVariable = Dictionary(all.map { ($0.environmentVariable, $0) }) { first, _ in first }

    // The reasons, one per kind of setting, so the README table and the notes say the same.
    private static let java = "Slipway runs SQL only; Java classes and JARs have no place in it"
    private static let jdbc = "Slipway connects with libpq, not JDBC; put connection options in the URL"
    private static let output = "Slipway's output is chosen with --quiet, --verbose and --json"
    private static let license = "Slipway needs no licence or account"
    private static let otherDatabase = "it configures a database Slipway does not support"
    private static let provisioning = "Slipway provisions no databases; --ephemeral gives a throwaway one"
    private static let removed = "Flyway 10 replaced it with ignoreMigrationPatterns, which Slipway honours"
    private static let report = "Slipway writes no HTML report; `slipway test` writes JUnit XML"

    /// Every setting, in the order of the README's table.
    static let all: [FlywaySetting] = [
        // Connection.
        .init("url", .honoured(.url)),
        .init("user", .honoured(.user)),
        .init("password", .honoured(.password)),
        .init("driver", .noEffect(jdbc)),
        .init("connectRetries", .honoured(.connectRetries)),
        .init("connectRetriesInterval", .honoured(.connectRetriesInterval)),
        .init("initSql", .noEffect("Slipway sets up its sessions itself; run such SQL in a beforeMigrate callback")),
        .init("jdbcProperties", .noEffect(jdbc)),
        .init("kerberosConfigFile", .noEffect(jdbc)),
        .init("environment", .honoured(.environment)),
        .init("provisionMode", .noEffect(provisioning)),
        .init("provisioner", .noEffect(provisioning)),
        // Schemas and the history table.
        .init("defaultSchema", .honoured(.defaultSchema)),
        .init("schemas", .honoured(.schemas)),
        .init("table", .honoured(.table)),
        .init("tablespace", .noEffect("the history table is created in the database's default tablespace")),
        .init("createSchemas", .noEffect("Slipway always creates missing schemas, as Flyway's default true does")),
        // Finding migrations.
        .init("locations", .honoured(.locations)),
        .init("callbackLocations", .noEffect("Slipway reads SQL callbacks from the migration locations")),
        .init("failOnMissingLocations", .noEffect("a location that does not exist is always an error in Slipway")),
        .init("encoding", .honoured(.encoding)),
        .init("detectEncoding", .noEffect("Slipway reads files in `encoding` (or their .sql.conf's)")),
        .init("sqlMigrationPrefix", .honoured(.sqlMigrationPrefix)),
        .init("undoSqlMigrationPrefix", .honoured(.undoSqlMigrationPrefix)),
        .init("repeatableSqlMigrationPrefix", .honoured(.repeatableSqlMigrationPrefix)),
        .init("baselineMigrationPrefix", .honoured(.baselineMigrationPrefix)),
        .init("sqlMigrationSeparator", .honoured(.sqlMigrationSeparator)),
        .init("sqlMigrationSuffixes", .honoured(.sqlMigrationSuffixes)),
        .init("validateMigrationNaming", .honoured(.validateMigrationNaming)),
        .init("ignoreMigrationPatterns", .honoured(.ignoreMigrationPatterns)),
        .init("resolvers", .noEffect(java)),
        .init("migrationResolvers", .noEffect(java)),
        .init("skipDefaultResolvers", .noEffect(java)),
        .init("jarDirs", .noEffect(java)),
        .init("callbacks", .noEffect(java)),
        .init("skipDefaultCallbacks", .noEffect("Slipway always runs the SQL callback files in the locations")),
        // Placeholders.
        .init("placeholders", .noEffect("set placeholders as placeholders.<name>")),
        .init("placeholderReplacement", .honoured(.placeholderReplacement)),
        .init("placeholderPrefix", .noEffect("Slipway's placeholders are written ${name}")),
        .init("placeholderSuffix", .noEffect("Slipway's placeholders are written ${name}")),
        .init("placeholderSeparator", .noEffect("Slipway's built-in placeholders are written ${flyway:name}")),
        .init("scriptPlaceholderPrefix", .noEffect("Slipway has no script placeholders")),
        .init("scriptPlaceholderSuffix", .noEffect("Slipway has no script placeholders")),
        // Migrating.
        .init("target", .honoured(.target)),
        .init("failOnMissingTarget", .noEffect("a target above the latest version migrates to the latest")),
        .init("outOfOrder", .honoured(.outOfOrder)),
        .init("mixed", .honoured(.mixed)),
        .init("group", .noEffect("Slipway applies each migration in its own transaction")),
        .init("executeInTransaction", .noEffect("use a script's .sql.conf with executeInTransaction=false")),
        .init("installedBy", .honoured(.installedBy)),
        .init("validateOnMigrate", .honoured(.validateOnMigrate)),
        .init("baselineOnMigrate", .honoured(.baselineOnMigrate)),
        .init("baselineVersion", .honoured(.baselineVersion)),
        .init("baselineDescription", .honoured(.baselineDescription)),
        .init("cleanDisabled", .honoured(.cleanDisabled)),
        .init("cherryPick", .honoured(.cherryPick)),
        .init("dryRunOutput", .honoured(.dryRunOutput), variable: "FLYWAY_DRYRUN_OUTPUT"),
        .init("skipExecutingMigrations", .refusedWhenTrue(
            "Slipway cannot record migrations as applied without running them")),
        .init("errorOverrides", .noEffect("Slipway fails on every SQL error; a .sql.conf cannot change that")),
        .init("lockRetryCount", .noEffect("Slipway waits for the migration lock up to lockTimeout")),
        .init("postgresql.transactional.lock", .noEffect(
            "Slipway always takes the session-level lock (what false selects), so CREATE INDEX CONCURRENTLY cannot hang")),
        .init("stream", .noEffect("Slipway reads each migration whole")),
        .init("batch", .noEffect("Slipway sends a transactional migration in one round trip")),
        .init("powershellExecutable", .noEffect("Slipway runs SQL only")),
        // Flyway 8/9's settings that Flyway 10 removed; a project of that era still has them.
        .init("cleanOnValidationError", .noEffect("Slipway never cleans on a validation error (Flyway 10 removed it)")),
        .init("ignoreMissingMigrations", .noEffect(removed)),
        .init("ignoreIgnoredMigrations", .noEffect(removed)),
        .init("ignorePendingMigrations", .noEffect(removed)),
        .init("ignoreFutureMigrations", .noEffect(removed)),
        .init("oracleSqlplus", .noEffect(otherDatabase)),
        .init("oracleSqlplusWarn", .noEffect(otherDatabase)),
        // Output and reports.
        .init("outputQueryResults", .noEffect(output)),
        .init("outputType", .noEffect(output)),
        .init("outputProgress", .noEffect(output)),
        .init("outputLogsInJson", .noEffect(output)),
        .init("color", .noEffect("Slipway colours only a terminal, and never with NO_COLOR")),
        .init("loggers", .noEffect(output)),
        .init("reportEnabled", .noEffect(report)),
        .init("reportFilename", .noEffect(report)),
        .init("publishResult", .noEffect(report)),
        .init("checkDriftOnMigrate", .noEffect("`slipway lint` and `slipway dump` show drift")),
        .init("pipelineId", .noEffect("Slipway reports to no Redgate pipeline")),
        .init("schemaModelLocation", .noEffect("Slipway has no schema model; `slipway dump` writes the schema")),
        .init("schemaModelSchemas", .noEffect("Slipway has no schema model; `slipway dump` writes the schema")),
        // Licensing and Redgate's services.
        .init("licenseKey", .noEffect(license)),
        .init("email", .noEffect(license)),
        .init("token", .noEffect(license)),
        .init("offlinePermitPath", .noEffect(license)),
        .init("communityDBSupportEnabled", .noEffect(license), variable: "FLYWAY_COMMUNITY_DB_SUPPORT_DISABLED"),
        // Config files.
        .init("configFiles", .honoured(.configFiles)),
        .init("configFileEncoding", .noEffect("Slipway reads config files as UTF-8")),
        .init("workingDirectory", .noEffect("relative paths start at the directory Slipway runs in")),
        // Other databases.
        .init("oracle.sqlplus", .noEffect(otherDatabase)),
        .init("oracle.sqlplusWarn", .noEffect(otherDatabase)),
        .init("oracle.kerberosCacheFile", .noEffect(otherDatabase)),
        .init("oracle.walletLocation", .noEffect(otherDatabase)),
        .init("oracle.checksumIncludeReferencedScripts", .noEffect(otherDatabase)),
        .init("sqlserver.kerberos.login.file", .noEffect(otherDatabase), variable: "FLYWAY_SQL_SERVER_KERBEROS_LOGIN_FILE"),
        .init("sqlserver.clean.mode", .noEffect(otherDatabase), variable: "FLYWAY_SQL_SERVER_CLEAN_MODE"),
        .init("sqlserver.clean.schemas.exclude", .noEffect(otherDatabase), variable: "FLYWAY_SQL_SERVER_CLEAN_SCHEMAS_EXCLUDE"),
        // The Maven and Gradle plugins' own settings.
        .init("skip", .noEffect("it tells Maven not to run Flyway; Slipway runs when it is called")),
        .init("serverId", .noEffect("Slipway does not read Maven's settings.xml; use FLYWAY_USER/FLYWAY_PASSWORD or --secret-env")),
        .init("version", .noEffect("it is the plugin's version")),
        .init("current", .noEffect("it is the Maven plugin's internal flag")),
        .init("pluginConfiguration", .noEffect("settings in it are read as flyway.<key>")),
        .init("configurations", .noEffect("it names Gradle configurations")),
    ]

    /// Flyway's environment variables that are no settings (they switch Flyway's own behaviour).
    static let toolVariables: Set<String> = [
        "FLYWAY_CALLER", "FLYWAY_DO_NOT_REDACT_URL", "FLYWAY_LOG_DEBUG_CONFIGURATION_MAP", "FLYWAY_NATIVE_CONNECTORS",
        "FLYWAY_NEW_REPORTS", "FLYWAY_NEXT_MAJOR_VERSION", "FLYWAY_SSL_AUTOCONFIGURATION", "FLYWAY_NAMESPACE",
    ]
}

/// The README's table of every Flyway setting, made from the catalog so the two cannot drift apart.
public enum FlywaySettingsTable {
    /// Markdown: setting, environment variable, and what Slipway does with it.
    public static var markdown: String {
        let rows = FlywaySetting.all.map { setting in
            let use: String
            switch setting.use {
            case .honoured: use = "honoured"
            case .noEffect(let reason): use = "accepted, no effect: \(reason)"
            case .refusedWhenTrue(let reason): use = "refused when true (\(reason)); accepted when false"
            }
            // Both are families of settings, one per name; placeholders are honoured one by one.
            let family = setting.name == "placeholders" || setting.name == "jdbcProperties"
            let name = family ? setting.name + ".<name>" : setting.name
            let variable = family ? setting.environmentVariable + "_<NAME>" : setting.environmentVariable
            return "| `\(name)` | `\(variable)` | \(setting.name == "placeholders" ? "honoured" : use) |"
        }
        let namespaces = FlywaySetting.namespaces.sorted { $0.key < $1.key }.map { "| `\($0.key).*` | | accepted, no effect: \($0.value) |" }
        return (["| Flyway setting | environment variable | in Slipway |", "| --- | --- | --- |"] + rows + namespaces)
            .joined(separator: "\n")
    }
}
