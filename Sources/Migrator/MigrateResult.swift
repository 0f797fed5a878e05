import Dialect
import Migrations

/// What `migrate` did.
public struct MigrateResult: Sendable, Equatable {
    /// The schema's version before and after the run (nil: no versioned migration applied yet).
    public var initialVersion: String?
    public var finalVersion: String?
    public var applied: [AppliedStep]
    public var schema: String
    /// Wall time of the whole run, in milliseconds.
    public var totalTime: Int
    /// With ``MigratorOptions/dryRun``: the SQL script the run would have executed, for psql.
    public var dryRunScript: String?
}

/// What `info` shows.
public struct InfoResult: Sendable, Equatable {
    public var entries: [MigrationInfo]
    public var schema: String
    public var table: String
    public var currentVersion: String?
    public var dialect: Dialect
    public var serverVersion: String
}

/// What `repair` changed.
public struct RepairResult: Sendable, Equatable {
    public var removedFailed: [String]
    public var realigned: [String]
    public var markedDeleted: [String]
}
