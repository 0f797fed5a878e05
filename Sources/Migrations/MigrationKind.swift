/// What a migration file does, from its prefix.
public enum MigrationKind: String, Sendable, Hashable, CaseIterable {
    /// `V<version>__<description>.sql`: applied once, in version order.
    case versioned
    /// `U<version>__<description>.sql`: undoes the versioned migration of the same version.
    case undo
    /// `R__<description>.sql`: applied again whenever its checksum changes.
    case repeatable
    /// `B<version>__<description>.sql`: replaces all migrations up to its version on an empty database.
    case baselineMigration

    /// The `type` Flyway stores in the schema history table for an SQL migration of this kind.
    public var historyType: String {
        switch self {
        case .versioned, .repeatable: HistoryType.sql
        case .undo: HistoryType.undoSQL
        case .baselineMigration: HistoryType.sqlBaseline
        }
    }

    /// Whether a file of this kind needs a version before the separator.
    public var isVersioned: Bool { self != .repeatable }
}

/// The `type` column values of Flyway's schema history table.
public enum HistoryType {
    public static let sql = "SQL"
    public static let undoSQL = "UNDO_SQL"
    public static let sqlBaseline = "SQL_BASELINE"
    /// The marker row written by `baseline` (or `baselineOnMigrate`).
    public static let baseline = "BASELINE"
    /// The rank-0 marker Flyway writes when it created the schemas itself.
    public static let schema = "SCHEMA"
    /// The row `repair` inserts to mark a missing migration as deleted.
    public static let delete = "DELETE"

    /// Whether rows of this type are markers rather than migrations (Flyway's "synthetic" types).
    static func isSynthetic(_ type: String) -> Bool {
        type == schema || type == baseline || type == delete
    }

    /// Whether rows of this type record an undo.
    public static func isUndo(_ type: String) -> Bool {
        type.hasPrefix("UNDO_")
    }

    /// Whether rows of this type are a baseline (the marker or a baseline migration).
    static func isBaseline(_ type: String) -> Bool {
        type == baseline || type.hasSuffix("_BASELINE")
    }
}
