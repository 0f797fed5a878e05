/// One change `repair` makes to the schema history table, in the order Flyway makes them.
public enum RepairAction: Sendable, Equatable {
    /// Delete this failed row (Flyway: `DELETE ... WHERE success = false AND version = ?`, or `description = ?`
    /// for repeatables).
    case removeFailedRow(AppliedMigration)
    /// Insert a `DELETE` row (with `installed_rank` = max + 1, `execution_time` 0, `success` = the original's)
    /// that marks this applied migration, whose file is gone, as deleted.
    case markDeleted(AppliedMigration, insert: HistoryRowValues)
    /// Update this row's `description`, `type` and `checksum` to the file's (`WHERE installed_rank = ?`).
    case align(AppliedMigration, description: String, type: String, checksum: Int32?)
    /// Delete this row so that Flyway Community, which refuses a history with `UNDO_SQL` rows, reads the
    /// history (`repair --flyway-community`): an undo row, or a version's apply row an undo or a later apply
    /// replaced.
    case removeForCommunity(AppliedMigration)
}
