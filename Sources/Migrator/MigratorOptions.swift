import Migrations
import RedshiftEmulation

/// What a migrate, info, validate, baseline or repair run needs to know beyond the files and the database, as
/// typed values: the text of the settings is parsed once, where they are read.
public struct MigratorOptions: Sendable, Equatable {
    /// Schemas Slipway manages; the first holds the history table. Empty: the connection's current schema.
    public var schemas: [String] = []
    public var table = HistoryText.defaultTable
    /// What the planner needs: target, outOfOrder, ignore patterns, cherry-pick and the baseline version.
    public var plan = PlanOptions()
    /// User placeholder values, names lower-cased.
    public var placeholders: [String: String] = [:]
    public var placeholderReplacement = true
    public var baselineOnMigrate = false
    public var baselineDescription = HistoryText.baselineDescription
    public var validateOnMigrate = true
    public var mixed = false
    /// Written to `installed_by`; nil means the database user.
    public var installedBy: String?
    public var environment = "default"
    /// For `${flyway:workingDirectory}` and for showing paths relative to it.
    public var workingDirectory = ""
    /// How long to wait for another run's migration lock, in milliseconds; nil waits as long as it takes.
    public var lockWaitTimeout: Int?
    /// Write the SQL a run would execute to ``MigrateResult/dryRunScript`` instead of changing the database.
    public var dryRun = false
    /// Where emulated Redshift's `COPY ... FROM 's3://bucket/key'` finds the objects.
    public var s3Objects: S3Objects?

    public init() {}
}
