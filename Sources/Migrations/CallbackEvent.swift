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

    /// Events Flyway knows that no Slipway command fires yet: statement-level events, clean's, the connection
    /// and schema-creation events, and the operation-finish events. A callback file for one of them would
    /// never run, so discovery warns about it.
    public static let neverFired: Set<CallbackEvent> = [
        .beforeEachMigrateStatement, .afterEachMigrateStatement, .afterEachMigrateStatementError,
        .beforeEachUndoStatement, .afterEachUndoStatement, .afterEachUndoStatementError,
        .beforeClean, .afterClean, .afterCleanError, .afterMigrateOperationFinish, .afterInfoOperationFinish,
        .createSchema, .beforeCreateSchema, .beforeConnect, .afterConnect,
    ]

    /// Event ids longest first, so that `afterMigrateError` is not taken for `afterMigrate` + `Error`.
    static let longestFirst: [CallbackEvent] = allCases.sorted { $0.rawValue.count > $1.rawValue.count }
}
