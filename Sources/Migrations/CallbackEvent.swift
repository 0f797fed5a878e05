/// A Flyway callback event; an SQL file named after it (`beforeMigrate.sql`, `afterMigrate__notify.sql`) runs
/// when the event happens.
///
/// The raw values are Flyway's event ids (`org.flywaydb.core.api.callback.Event`), which are case-sensitive.
public enum CallbackEvent: String, Sendable, Hashable, CaseIterable {
    case beforeClean, afterClean, afterCleanError
    case beforeMigrate, beforeEachMigrate, beforeEachMigrateStatement, afterEachMigrateStatement
    case afterEachMigrateStatementError, afterEachMigrate, afterEachMigrateError
    case beforeRepeatables, afterVersioned, afterMigrateApplied, afterMigrate, afterMigrateError
    case beforeUndo, beforeEachUndo, beforeEachUndoStatement, afterEachUndoStatement
    case afterEachUndoStatementError, afterEachUndo, afterEachUndoError, afterUndo, afterUndoError
    case beforeValidate, afterValidate, afterValidateError
    case beforeBaseline, afterBaseline, afterBaselineError
    case beforeRepair, afterRepair, afterRepairError
    case beforeInfo, afterInfo, afterInfoError
    case afterMigrateOperationFinish, afterInfoOperationFinish
    case createSchema, beforeCreateSchema, beforeConnect, afterConnect
    /// Slipway's own: around the spec run of `slipway test`.
    case beforeTest, afterTest

    /// Event ids longest first, so that `afterMigrateError` is not taken for `afterMigrate` + `Error`.
    static let longestFirst: [CallbackEvent] = allCases.sorted { $0.rawValue.count > $1.rawValue.count }
}
