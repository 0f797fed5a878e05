/// What a migrate, info, validate, baseline or repair run needs to know beyond the files and the database.
public struct MigratorOptions: Sendable, Equatable {
    /// Schemas Slipway manages; the first holds the history table. Empty: the connection's current schema.
    public var schemas: [String] = []
    public var table = "flyway_schema_history"
    /// User placeholder values, names lower-cased.
    public var placeholders: [String: String] = [:]
    public var placeholderReplacement = true
    public var outOfOrder = false
    public var baselineOnMigrate = false
    public var baselineVersion = "1"
    public var baselineDescription = "<< Flyway Baseline >>"
    public var validateOnMigrate = true
    public var mixed = false
    /// `latest`, `current` or a version; nil means latest.
    public var target: String?
    /// Written to `installed_by`; nil means the database user.
    public var installedBy: String?
    public var ignoreMigrationPatterns = ["*:future"]
    public var environment = "default"
    /// For `${flyway:workingDirectory}` and for showing paths relative to it.
    public var workingDirectory = ""
    /// How long to wait for another run's migration lock, in milliseconds; nil waits as long as it takes.
    public var lockWaitTimeout: Int?
    /// Only these pending versions are applied, in this order (Flyway's `cherryPick`); nil applies all.
    public var cherryPick: [String]?
    /// Write the SQL a run would execute to ``MigrateResult/dryRunScript`` instead of changing the database.
    public var dryRun = false
    /// The folder that stands for S3 in emulated Redshift's `COPY ... FROM 's3://bucket/key'`: `DIR/bucket/key`.
    public var s3Root: String?

    public init() {}
}
