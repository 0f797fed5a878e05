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

    public init(
        initialVersion: String?, finalVersion: String?, applied: [AppliedStep], schema: String, totalTime: Int,
        dryRunScript: String?
    ) {
        self.initialVersion = initialVersion
        self.finalVersion = finalVersion
        self.applied = applied
        self.schema = schema
        self.totalTime = totalTime
        self.dryRunScript = dryRunScript
    }
}

/// What `info` shows.
public struct InfoResult: Sendable, Equatable {
    public var entries: [MigrationInfo]
    public var schema: String
    public var table: String
    public var currentVersion: String?
    public var dialect: Dialect
    public var serverVersion: String

    public init(
        entries: [MigrationInfo], schema: String, table: String, currentVersion: String?, dialect: Dialect,
        serverVersion: String
    ) {
        self.entries = entries
        self.schema = schema
        self.table = table
        self.currentVersion = currentVersion
        self.dialect = dialect
        self.serverVersion = serverVersion
    }
}

/// What `repair` changed.
public struct RepairResult: Sendable, Equatable {
    public var removedFailed: [String]
    public var realigned: [String]
    public var markedDeleted: [String]
    /// Rows removed so that Flyway Community reads the history (`repair --flyway-community`).
    public var removedForCommunity: [String]

    public init(
        removedFailed: [String] = [], realigned: [String] = [], markedDeleted: [String] = [],
        removedForCommunity: [String] = []
    ) {
        self.removedFailed = removedFailed
        self.realigned = realigned
        self.markedDeleted = markedDeleted
        self.removedForCommunity = removedForCommunity
    }
}
