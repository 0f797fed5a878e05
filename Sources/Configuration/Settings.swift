import Diagnostics
import Migrations

/// Every setting Slipway runs with, after command line > environment > config file > defaults.
///
/// Defaults follow Flyway's; `url`, `user` and `password` are folded into ``database``.
public struct Settings: Sendable, Equatable {
    /// The database to use; nil when nothing names one, and Slipway then uses its embedded PostgreSQL.
    public var database: DatabaseTarget?
    /// Schemas Slipway manages; empty means the connection's current schema. The history table lives in the first
    /// (Flyway's `defaultSchema`, when set, is put first).
    public var schemas: [String] = []
    /// The schema history table's name.
    public var table = HistoryText.defaultTable
    /// Directories holding migrations, with Flyway's `filesystem:` prefix removed.
    public var locations = ["db/migration"]
    /// Placeholder values by lower-cased name (Flyway matches placeholder names case-insensitively).
    public var placeholders: [String: String] = [:]
    public var placeholderReplacement = true
    public var outOfOrder = false
    public var baselineOnMigrate = false
    public var baselineVersion = MigrationVersion.one.description
    public var baselineDescription = HistoryText.baselineDescription
    public var validateOnMigrate = true
    /// True: badly named migration files are errors; false: they are warnings and are skipped.
    public var validateMigrationNaming = true
    public var mixed = false
    /// The version to migrate up to (`latest`, `current`, or a version); nil means latest.
    public var target: String?
    public var cleanDisabled = true
    /// The environment is production: `clean` is always refused. Any source saying `true` wins (see
    /// ``SettingsLoader``), so a flag or variable cannot switch a production environment's protection off.
    public var production = false
    /// Who is recorded in `installed_by`; nil means the database user.
    public var installedBy: String?
    public var ignoreMigrationPatterns = IgnorePattern.defaults.map(\.description)
    /// Only these pending versions are applied, in this order (Flyway's `cherryPick`); nil applies all.
    public var cherryPick: [String]?
    /// Write the SQL migrate or undo would run to this file instead of running it (Flyway's `dryRunOutput`).
    public var dryRunOutput: String?
    public var sqlMigrationPrefix = "V"
    public var undoSqlMigrationPrefix = "U"
    public var repeatableSqlMigrationPrefix = "R"
    public var baselineMigrationPrefix = "B"
    public var sqlMigrationSeparator = "__"
    public var sqlMigrationSuffixes = [".sql"]
    public var encoding = "UTF-8"
    /// The `[environments.<name>]` table that was used.
    public var environment = "default"
    /// The environment variable holding a Secrets Manager JSON secret, if any.
    public var secretEnv: String?
    /// The Secrets Manager secret (name or ARN) holding the database's JSON secret, fetched at load time.
    public var secretId: String?
    /// The dialect named by the `dialect` setting; nil means decided from the URL and host.
    public var dialect: DatabaseDialect?
    /// How long to wait for locks (the server's `lock_timeout`, and the migration lock), in milliseconds; 0
    /// waits as long as it takes. Ten minutes by default: a pipeline step must not hang on another session's
    /// open transaction, as a concurrent index build would behind a waiting Flyway.
    public var lockTimeout: Int? = Settings.defaultLockTimeout

    /// The default ``lockTimeout``, in milliseconds.
    public static let defaultLockTimeout = 600_000
    /// How long one statement may run, in milliseconds; nil means no limit.
    public var statementTimeout: Int?
    /// How many times to retry a failed connection (Flyway's `connectRetries`).
    public var connectRetries = 0
    /// The longest wait between connection retries, in seconds (Flyway's `connectRetriesInterval`, default 120).
    public var connectRetriesInterval = 120
    /// The IAM role Redshift assumes to read `s3://` fixtures; nil falls back to `TEST_REDSHIFT_IAM_ROLE`.
    public var redshiftIamRole: String?
    /// The bucket of `s3:key` fixtures; nil falls back to `TEST_DATA_S3_BUCKET`.
    public var testDataS3Bucket: String?
    /// The folder whose `bucket/key` files emulated Redshift's `COPY ... FROM 's3://bucket/key'` reads.
    public var s3Root: String?
    /// The least line coverage, in percent, that `slipway test --coverage` accepts; nil: any.
    public var coverageMin: Int?
    /// Every secret value seen (passwords from any source), for ``Redactor``.
    public var secrets: [String] = []
    /// The config file that was read (absolute path), if any.
    public var configFile: String?
    /// Problems that did not stop loading: unknown `SLIPWAY_` variables, unused JDBC parameters.
    public var warnings: [Diagnostic] = []

    /// Flyway's defaults, with no database configured.
    public init() {}
}
