import Dialect
import Diagnostics
import Foundation
import MigrationResults
import MigrationDrivers
import Migrations
import PostgresClient

/// Runs Flyway-compatible migrate, undo, info, validate, baseline and repair on one connection, with the SQL
/// callbacks found next to the migrations.
///
/// The planning is pure (``MigrationPlan`` in the Migrations module) and the SQL of the history table, the lock
/// and the catalog belongs to the ``MigrationDriver``; this type sequences the plan, the callbacks and the
/// change writer. Every change goes through one ``ChangeWriter``, so a dry run (``MigratorOptions/dryRun``)
/// writes out exactly what a real run executes.
public final class Migrator {
    let connection: Connection
    let dialect: Dialect
    let options: MigratorOptions
    let isInterrupted: () -> Bool
    let events: (MigrationEvent) -> Void
    let writer: ChangeWriter
    /// The script being written, in a dry run.
    let dryRun: DryRunWriter?

    public init(
        connection: Connection,
        dialect: Dialect,
        options: MigratorOptions,
        isInterrupted: @escaping () -> Bool = { false },
        events: @escaping (MigrationEvent) -> Void = { _ in }
    ) {
        self.connection = connection
        self.dialect = dialect
        self.options = options
        self.isInterrupted = isInterrupted
        self.events = events
        dryRun = options.dryRun ? DryRunWriter(dialect: dialect) : nil
        writer = dryRun ?? DatabaseWriter(connection: connection)
    }

    /// The driver of this command: who the session is, the history table and the lock protocol.
    func openDriver() throws(Diagnostic) -> any MigrationDriver {
        try openMigrationDriver(
            connection: connection, dialect: dialect, schemas: options.schemas, table: options.table,
            lockWaitTimeout: options.lockWaitTimeout)
    }

    // MARK: migrate

    /// Validates applied migrations against the files, then applies what is pending, each migration and its
    /// history row in one transaction (or none, for files that cannot run in one).
    public func migrate(_ discovered: DiscoveredMigrations) throws -> MigrateResult {
        let started = ContinuousClock.now
        let driver = try openDriver()
        let scripts = ScriptPreparer(session: driver.session, options: options, dialect: dialect)
        let callbacks = Callbacks(discovered.callbacks, scripts: scripts)
        return try withLock(driver) {
            let resolved = try scripts.resolve(discovered)
            // On a database with no history yet, check every file that is about to run before creating the
            // schemas and the history table, so that a bad file leaves a fresh database untouched too.
            var historyExists = try driver.historyExists()
            if !historyExists {
                let fresh = try MigrationPlan(migrations: resolved, applied: [], options: options.plan)
                for migration in fresh.pendingMigrations { _ = try scripts.prepare(migration) }
            }
            try retryingConcurrentCreation(driver) {
                let created = try createMissingSchemas(driver)
                // Under the lock a table that exists stays; one that did not may have appeared meanwhile.
                if !historyExists { historyExists = try driver.historyExists() }
                if !historyExists {
                    try createHistory(
                        driver, createdSchemas: created,
                        nonEmptySchema: options.baselineOnMigrate ? .baseline : .refuse)
                }
            }
            // A dry run created nothing, so there is no table to read yet.
            let applied = historyExists || dryRun == nil ? try driver.readHistory() : []
            let plan = try MigrationPlan(migrations: resolved, applied: applied, options: options.plan)
            plan.futureVersionWarning(schema: driver.session.defaultSchema).map { events(.warning($0)) }
            try checkBeforeRunning(plan, callbacks: callbacks)
            let pending = plan.pendingMigrations
            // Every pending file is read, given its placeholders and scanned before the first one runs, so that
            // a bad file (encoding, unterminated quote, missing placeholder) changes nothing in the database.
            for migration in pending { _ = try scripts.prepare(migration) }
            let steps = try runPhase(
                .migrate, pending, driver: driver, callbacks: callbacks, recheckAmong: resolved,
                beforeEach: { steps, migration in
                    // Flyway fires afterVersioned and beforeRepeatables before the first repeatable...
                    if migration.version == nil, steps.last.map({ $0.version != nil }) ?? true {
                        try callbacks.fire(.afterVersioned, with: self)
                        try callbacks.fire(.beforeRepeatables, with: self)
                    }
                },
                afterAll: { steps in
                    // ...or at the end when none ran, and afterMigrateApplied before afterMigrate.
                    if !steps.contains(where: { $0.version == nil }) { try callbacks.fire(.afterVersioned, with: self) }
                    if !steps.isEmpty { try callbacks.fire(.afterMigrateApplied, with: self) }
                })
            // `current` walks the whole plan: once.
            let initialVersion = plan.current?.version
            let versions = [initialVersion] + steps.map { $0.version.flatMap(MigrationVersion.init) }
            return MigrateResult(
                initialVersion: initialVersion?.description,
                finalVersion: versions.compactMap { $0 }.max()?.description, applied: steps,
                schema: driver.session.defaultSchema, totalTime: elapsedMilliseconds(since: started),
                dryRunScript: dryRunScript(driver))
        }
    }

    /// Validation before migrate or undo, with the validate callbacks when it is on; failed rows block both.
    func checkBeforeRunning(_ plan: MigrationPlan, callbacks: Callbacks) throws {
        guard options.validateOnMigrate else {
            let blockers = plan.migrationBlockers()
            if !blockers.isEmpty { throw DiagnosticList(blockers) }
            return
        }
        try callbacks.around(.beforeValidate, .afterValidate, error: .afterValidateError, with: self) {
            let blockers = plan.validate(pendingAllowed: true)
            if !blockers.isEmpty { throw DiagnosticList(blockers) }
        }
    }

    /// Applies `migrations` in order between the phase's before and after callbacks; on failure the notes say
    /// what was applied and what was not.
    ///
    /// - Parameter recheckAmong: every resolved migration, so that Redshift's locking can plan again once it
    ///   holds the history table's lock (another run may have applied a migration meanwhile).
    func runPhase(
        _ phase: CallbackPhase, _ migrations: [ResolvedMigration], driver: any MigrationDriver, callbacks: Callbacks,
        recheckAmong resolved: [ResolvedMigration]? = nil,
        beforeEach: ([AppliedStep], ResolvedMigration) throws -> Void = { _, _ in },
        afterAll: ([AppliedStep]) throws -> Void = { _ in }
    ) throws -> [AppliedStep] {
        try callbacks.around(phase.before, phase.after, error: phase.afterError, with: self) {
            var steps: [AppliedStep] = []
            for migration in migrations {
                if isInterrupted() {
                    throw interruptedDiagnostic(applied: steps, remaining: migrations.count - steps.count, phase: phase)
                }
                do {
                    try beforeEach(steps, migration)
                    let lock = lockAndRecheck(migration, among: resolved, driver: driver)
                    if let step = try apply(
                        migration, scripts: callbacks.scripts, driver: driver, phase: phase, callbacks: callbacks,
                        lockAndRecheck: lock)
                    {
                        steps.append(step)
                    }
                } catch var diagnostic as Diagnostic {
                    diagnostic.notes += progressNotes(applied: steps, pending: migrations, failed: migration, phase: phase)
                    throw diagnostic
                }
            }
            try afterAll(steps)
            return steps
        }
    }

    // MARK: info, validate

    public func info(_ discovered: DiscoveredMigrations, serverVersion: String) throws -> InfoResult {
        let driver = try openDriver()
        let callbacks = Callbacks(discovered.callbacks, scripts: ScriptPreparer(session: driver.session, options: options, dialect: dialect))
        let plan = try callbacks.around(.beforeInfo, .afterInfo, error: .afterInfoError, with: self) {
            try readOnlyPlan(discovered, driver: driver)
        }
        return InfoResult(
            entries: plan.info, schema: driver.session.defaultSchema, table: options.table,
            currentVersion: plan.current?.version?.description, dialect: dialect, serverVersion: serverVersion)
    }

    /// Every difference between the files and the history; pending migrations count as differences, as in
    /// Flyway's `validate`.
    public func validate(_ discovered: DiscoveredMigrations) throws -> [Diagnostic] {
        let driver = try openDriver()
        let callbacks = Callbacks(discovered.callbacks, scripts: ScriptPreparer(session: driver.session, options: options, dialect: dialect))
        return try callbacks.around(.beforeValidate, .afterValidate, error: .afterValidateError, with: self) {
            try readOnlyPlan(discovered, driver: driver).validate(pendingAllowed: false)
        }
    }

    // MARK: locking

    func withLock<T>(_ driver: any MigrationDriver, _ body: () throws -> T) throws -> T {
        try driver.withRunLock(writer: writer, dryRun: dryRun != nil, waiting: { events(.waitingForLock(holder: $0)) }, body)
    }

    /// What each migration's transaction does first in the table-lock family: lock the history table and, on a
    /// real migrate, plan again to see whether another run applied the migration meanwhile. A dry run and undo
    /// only take the lock.
    private func lockAndRecheck(
        _ migration: ResolvedMigration, among resolved: [ResolvedMigration]?, driver: any MigrationDriver
    ) -> (() throws -> Bool)? {
        guard let lock = driver.transactionLock else { return nil }
        guard let resolved, dryRun == nil else {
            return { try self.writer.write(lock); return true }
        }
        return {
            try self.writer.write(lock)
            let plan = try MigrationPlan(
                migrations: resolved, applied: driver.readHistory(), options: self.options.plan)
            let blockers = plan.migrationBlockers()
            if !blockers.isEmpty { throw DiagnosticList(blockers) }
            return plan.pendingMigrations.contains(migration)
        }
    }

    /// Without a run lock nothing keeps two first runs from creating the same schema or history table at once;
    /// the run that loses sees the winner's objects when it looks again.
    private func retryingConcurrentCreation(_ driver: any MigrationDriver, _ body: () throws -> Void) throws {
        var attempts = 0
        while true {
            do {
                return try body()
            } catch let diagnostic as Diagnostic where attempts < 3 && driver.retriesConcurrentCreation
                && SQLState.concurrentCreation.contains(diagnostic.code ?? "")
            {
                attempts += 1
            }
        }
    }

    // MARK: reporting helpers

    /// The plan for info and validate, which change nothing (not even creating the history table).
    func readOnlyPlan(_ discovered: DiscoveredMigrations, driver: any MigrationDriver) throws -> MigrationPlan {
        let applied = try driver.readHistoryIfExists()
        let scripts = ScriptPreparer(session: driver.session, options: options, dialect: dialect)
        return try MigrationPlan(migrations: scripts.resolve(discovered), applied: applied, options: options.plan)
    }

    private func progressNotes(
        applied: [AppliedStep], pending: [ResolvedMigration], failed: ResolvedMigration, phase: CallbackPhase
    ) -> [String] {
        let remaining = pending.drop { $0.script != failed.script }.dropFirst().map(\.script)
        var notes = ["\(phase.pastTense) before the failure: "
            + (applied.isEmpty ? "none" : applied.map(\.script).joined(separator: ", "))]
        notes.append("not \(phase.pastTense): " + ([failed.script] + remaining).joined(separator: ", "))
        return notes
    }

    private func interruptedDiagnostic(applied: [AppliedStep], remaining: Int, phase: CallbackPhase) -> Diagnostic {
        Diagnostic(
            category: .migration, code: "interrupted",
            message: "interrupted: \(applied.count) migration(s) \(phase.pastTense), \(remaining) not \(phase.pastTense)",
            hint: "run \(phase.command) again for the rest")
    }

    /// The dry-run script, with its header; nil on a real run.
    func dryRunScript(_ driver: any MigrationDriver) -> String? {
        dryRun?.script(header: [
            "Slipway dry run: the SQL it would run, in order; nothing was changed.",
            "database \(driver.session.database), schema history \(driver.history.displayName), "
                + "as user \(driver.session.user)",
        ], searchPath: driver.session.searchPath)
    }
}
