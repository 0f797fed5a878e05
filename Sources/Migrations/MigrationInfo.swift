/// One line of `info`: a migration file, a history row, or both, with the state Flyway computes for it.
public struct MigrationInfo: Sendable, Equatable {
    /// The Category column.
    public enum Category: String, Sendable, Hashable {
        case versioned = "Versioned"
        case repeatable = "Repeatable"
        case undo = "Undo"
        case baseline = "Baseline"
        /// Marker rows (`BASELINE`, `SCHEMA`, `DELETE`), shown with an empty category.
        case marker = ""
    }

    public var category: Category
    /// The version (from the history row when there is one, else from the file).
    public var version: MigrationVersion?
    public var description: String
    /// `SQL`, `UNDO_SQL`, `SQL_BASELINE`, `BASELINE`, ... (the row's type when applied).
    public var type: String
    public var script: String
    /// The checksum of the row when applied, else of the file.
    public var checksum: Int32?
    public var installedRank: Int?
    public var installedOn: String?
    public var installedBy: String?
    /// Milliseconds, when applied.
    public var executionTime: Int?
    public var state: MigrationState
    /// The Undoable column: `Yes`, `No`, or empty for repeatables, markers and undone/deleted rows.
    public var undoable: String
    /// The file, when one was found.
    public var resolved: ResolvedMigration?
    /// The history row, when the migration was applied.
    public var applied: AppliedMigration?

    /// The Version column's text: the version as stored / written (with `_` as `.`), empty for repeatables.
    public var versionText: String { version?.description ?? "" }
}
