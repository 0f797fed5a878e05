import ArgumentParser
import Configuration

/// Where the database is and which schemas and files Slipway manages; shared by every command.
struct ConnectionOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Database URL: postgresql://…, jdbc:postgresql://…, jdbc:redshift://… or libpq key=value.",
        discussion: "Env: SLIPWAY_URL, FLYWAY_URL. Without one, test, info, validate, lint and dump start an embedded "
            + "PostgreSQL; migrate, baseline, repair, undo and clean refuse (exit 4) unless --ephemeral is given."))
    var url: String?

    @Option(help: "Database user (env FLYWAY_USER).")
    var user: String?

    @Option(help: "Database password (prefer FLYWAY_PASSWORD or --secret-env; never printed).")
    var password: String?

    @Option(help: "Environment variable holding an AWS Secrets Manager JSON secret (username, password, host, port, dbName).")
    var secretEnv: String?

    @Option(help: ArgumentHelp(
        "AWS Secrets Manager secret (name or ARN) holding that JSON; fetched with the AWS credentials of the environment.",
        discussion: "Env: SLIPWAY_SECRET_ID. Needs secretsmanager:GetSecretValue."))
    var secretId: String?

    @Option(help: "Comma-separated schemas to manage; the first holds the history table.")
    var schemas: String?

    @Option(help: "Schema history table name (default flyway_schema_history).")
    var table: String?

    @Option(help: "Comma-separated migration locations (default db/migration).")
    var locations: String?

    @Option(help: "Environment from the config file ([environments.NAME]).")
    var environment: String?

    @Option(help: ArgumentHelp(
        "Config file: TOML if it ends in .toml, else Flyway's flyway.conf format.",
        discussion: "Default: slipway.toml, else flyway.toml, else flyway.conf. Env: FLYWAY_CONFIG_FILES (comma-separated)."))
    var configFile: String?

    @Option(help: "Force the dialect instead of detecting it: postgresql or redshift.")
    var dialect: DatabaseDialect?

    @Option(name: .customLong("placeholder"), help: ArgumentHelp("A placeholder value, NAME=VALUE (repeatable).", valueName: "name=value"))
    var placeholders: [String] = []

    @Option(help: ArgumentHelp(
        "Give up waiting for a lock (the migration lock included) after this many milliseconds.",
        discussion: "Set on the server as lock_timeout. Env: FLYWAY_LOCK_TIMEOUT."))
    var lockTimeout: Int?

    @Option(help: ArgumentHelp(
        "Cancel any statement that runs longer than this many milliseconds.",
        discussion: "Set on the server as statement_timeout. Env: FLYWAY_STATEMENT_TIMEOUT."))
    var statementTimeout: Int?

    @Option(help: ArgumentHelp(
        "A folder that stands for Amazon S3 in emulated Redshift's COPY: 's3://bucket/key' reads DIR/bucket/key*.",
        valueName: "dir"))
    var s3Root: String?

    @Flag(help: "Use a private throwaway PostgreSQL, even when a database is configured (commands that change a database need it when none is).")
    var ephemeral = false

    @Flag(help: "Leave the embedded PostgreSQL running afterwards and print how to connect.")
    var keep = false

    @Option(help: "Let the embedded PostgreSQL also listen on this localhost TCP port (default: unix socket only).")
    var embeddedPort: Int?

    /// The command line's settings under their canonical (Flyway) names.
    func settings() throws -> [String: String] {
        var values: [String: String] = [:]
        values["url"] = url
        values["user"] = user
        values["password"] = password
        values["secretEnv"] = secretEnv
        values["secretId"] = secretId
        values["schemas"] = schemas
        values["table"] = table
        values["locations"] = locations
        values["environment"] = environment
        values["configFile"] = configFile
        values["dialect"] = dialect?.rawValue
        values["s3Root"] = s3Root
        values["lockTimeout"] = lockTimeout.map(String.init)
        values["statementTimeout"] = statementTimeout.map(String.init)
        for placeholder in placeholders {
            guard let equals = placeholder.firstIndex(of: "="), equals != placeholder.startIndex else {
                throw ValidationError("--placeholder takes NAME=VALUE, got '\(placeholder)'")
            }
            values["placeholders." + placeholder[..<equals].lowercased()] =
                String(placeholder[placeholder.index(after: equals)...])
        }
        return values
    }
}

/// How migrate decides what to run; shared by the commands that plan.
struct PlanningOptions: ParsableArguments {
    @Option(help: "Migrate up to this version (a version, 'latest' or 'current'); undo down to this version.")
    var target: String?

    @Option(help: ArgumentHelp(
        "Apply only these pending versions, in this order (comma-separated, e.g. 1.2,1.4).", valueName: "versions"))
    var cherryPick: String?

    @Flag(inversion: .prefixedNo, help: "Apply pending versions below the current one.")
    var outOfOrder: Bool?

    @Flag(inversion: .prefixedNo, help: "Baseline a non-empty schema that has no history table.")
    var baselineOnMigrate: Bool?

    @Option(help: "Version the baseline marks (default 1).")
    var baselineVersion: String?

    @Option(help: "Description of the baseline row (default '<< Flyway Baseline >>').")
    var baselineDescription: String?

    @Flag(inversion: .prefixedNo, help: "Validate applied migrations before migrating (default on).")
    var validateOnMigrate: Bool?

    @Flag(inversion: .prefixedNo, help: "Allow a file to mix statements that can and cannot run in a transaction.")
    var mixed: Bool?

    func settings() -> [String: String] {
        var values: [String: String] = [:]
        values["target"] = target
        values["cherryPick"] = cherryPick
        values["outOfOrder"] = outOfOrder.map(String.init)
        values["baselineOnMigrate"] = baselineOnMigrate.map(String.init)
        values["baselineVersion"] = baselineVersion
        values["baselineDescription"] = baselineDescription
        values["validateOnMigrate"] = validateOnMigrate.map(String.init)
        values["mixed"] = mixed.map(String.init)
        return values
    }
}

/// How much to print.
struct OutputOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Print more: the database, dialect and server version, server notices.")
    var verbose = false
}
