/// One row of Flyway's schema history table, as read from the database.
public struct AppliedMigration: Sendable, Equatable {
    public var installedRank: Int
    /// The stored version text (e.g. `1.0.1`); `nil` for repeatables.
    public var version: String?
    public var description: String
    /// `SQL`, `UNDO_SQL`, `SQL_BASELINE`, `BASELINE`, `SCHEMA`, `DELETE`, ... (see ``HistoryType``).
    public var type: String
    public var script: String
    public var checksum: Int32?
    public var installedBy: String
    /// The `installed_on` timestamp as text, e.g. `2024-01-15 10:31:02.123`.
    public var installedOn: String
    /// The run time in milliseconds.
    public var executionTime: Int
    public var success: Bool

    public init(
        installedRank: Int, version: String?, description: String, type: String = HistoryType.sql, script: String,
        checksum: Int32?, installedBy: String = "", installedOn: String = "", executionTime: Int = 0,
        success: Bool = true
    ) {
        self.installedRank = installedRank
        self.version = version
        self.description = description
        self.type = type
        self.script = script
        self.checksum = checksum
        self.installedBy = installedBy
        self.installedOn = installedOn
        self.executionTime = executionTime
        self.success = success
    }
}
