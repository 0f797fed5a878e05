import Diagnostics
import MigrationDrivers
import Migrations

/// The SQL callbacks of one run (`beforeMigrate.sql`, `afterEachMigrate__grants.sql`, ...), prepared with the
/// run's placeholders when they fire and run through the migrator's writer, so a dry run shows them too.
struct Callbacks {
    let scripts: ScriptPreparer
    private let byEvent: [CallbackEvent: [SqlCallback]]

    /// - Parameter callbacks: in file-name order, which is the order several callbacks of one event run in.
    init(_ callbacks: [SqlCallback], scripts: ScriptPreparer) {
        self.scripts = scripts
        byEvent = Dictionary(grouping: callbacks, by: \.event)
    }

    func has(_ event: CallbackEvent) -> Bool {
        byEvent[event] != nil
    }

    /// Runs every callback of `event`: each in a transaction of its own (none when it cannot run in one), or,
    /// with `inOpenTransaction`, inside the transaction the caller has open (Flyway's each-migrate events).
    func fire(_ event: CallbackEvent, with migrator: Migrator, inOpenTransaction: Bool = false) throws {
        for callback in byEvent[event] ?? [] {
            let script = try scripts.prepare(callback)
            migrator.events(.callback(event: event.rawValue, script: callback.script))
            migrator.writer.note("callback \(callback.script)" + (script.transactional ? "" : " (runs outside a transaction)"))
            let hint = "fix the callback \(callback.script) and run the command again"
            if inOpenTransaction || !script.transactional {
                try migrator.writer.run(script, category: .migration, hint: hint)
            } else {
                try migrator.writer.transaction { try migrator.writer.run(script, category: .migration, hint: hint) }
            }
        }
    }

    /// Runs `before`, then `body`, then `after`; when `body` fails, runs `error` and rethrows.
    func around<T>(
        _ before: CallbackEvent, _ after: CallbackEvent, error: CallbackEvent, with migrator: Migrator,
        _ body: () throws -> T
    ) throws -> T {
        try fire(before, with: migrator)
        let result: T
        do {
            result = try body()
        } catch let failure {
            throw fireAfterError(error, with: migrator, failure: failure)
        }
        try fire(after, with: migrator)
        return result
    }

    /// Runs the callbacks of an error event after `failure`; returns the failure to throw, with a note when a
    /// callback failed as well (the original failure is what the user must fix first).
    func fireAfterError(_ event: CallbackEvent, with migrator: Migrator, failure: any Error) -> any Error {
        do {
            try fire(event, with: migrator)
        } catch {
            guard var diagnostic = failure as? Diagnostic else { return failure }
            let location = (error as? Diagnostic)?.location.map { "\($0.file):\($0.line): " } ?? ""
            diagnostic.notes.append("the \(event.rawValue) callback failed too: \(location)\((error as? Diagnostic)?.message ?? String(describing: error))")
            return diagnostic
        }
        return failure
    }
}

/// The callback events of a run of migrations: migrate or undo.
struct CallbackPhase {
    /// The command, for hints (`run migrate again`).
    let command: String
    /// What happened to each file, for notes (`applied before the failure`).
    let pastTense: String
    let before, beforeEach, afterEach, afterEachError, after, afterError: CallbackEvent

    static let migrate = CallbackPhase(
        command: "migrate", pastTense: "applied", before: .beforeMigrate, beforeEach: .beforeEachMigrate,
        afterEach: .afterEachMigrate, afterEachError: .afterEachMigrateError, after: .afterMigrate,
        afterError: .afterMigrateError)

    static let undo = CallbackPhase(
        command: "undo", pastTense: "undone", before: .beforeUndo, beforeEach: .beforeEachUndo,
        afterEach: .afterEachUndo, afterEachError: .afterEachUndoError, after: .afterUndo,
        afterError: .afterUndoError)
}

extension Migrator {
    /// Runs the SQL callbacks of one event outside any command, e.g. `beforeTest` and `afterTest` around
    /// `slipway test`'s specs, with the same placeholders as migrations.
    public func runCallbacks(_ event: CallbackEvent, from discovered: DiscoveredMigrations) throws {
        let driver = try openDriver()
        try Callbacks(discovered.callbacks, scripts: ScriptPreparer(session: driver.session, options: options, dialect: dialect))
            .fire(event, with: self)
    }
}
