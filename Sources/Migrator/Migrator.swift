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
            let versions = [plan.current?.version] + steps.map { $0.version.flatMap(MigrationVersion.init) }
            return MigrateResult(
                initialVersion: plan.current?.version?.description,
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

    // MARK: baseline, repair

    /// Marks an existing database as being at the baseline version, so migrate starts above it.
    ///
    /// - Parameter discovered: only its callbacks are used (beforeBaseline, afterBaseline).
    @discardableResult
    public func baseline(_ discovered: DiscoveredMigrations = DiscoveredMigrations(migrations: [])) throws -> String {
        let driver = try openDriver()
        let callbacks = Callbacks(discovered.callbacks, scripts: ScriptPreparer(session: driver.session, options: options, dialect: dialect))
        return try callbacks.around(.beforeBaseline, .afterBaseline, error: .afterBaselineError, with: self) {
            try withLock(driver) { try baselineLocked(driver) }
        }
    }

    private func baselineLocked(_ driver: any MigrationDriver) throws -> String {
        let created = try createMissingSchemas(driver)
        if try driver.historyExists() {
            let rows = try driver.readHistory()
            if let existing = rows.first(where: { $0.type == "BASELINE" }) {
                guard existing.version == options.plan.baselineVersion.description else {
                    throw Diagnostic(
                        category: .validation, code: "baseline-exists",
                        message: "\(driver.history.displayName) already has a baseline at version "
                            + "\(existing.version ?? "?")",
                        hint: "a database is baselined once; run info to see its history")
                }
                return options.plan.baselineVersion.description
            }
            if rows.contains(where: { $0.type != "SCHEMA" }) {
                throw Diagnostic(
                    category: .validation, code: "baseline-not-empty",
                    message: "cannot baseline: \(driver.history.displayName) already contains migrations",
                    hint: "baseline is for databases that no migration tool has touched yet")
            }
        } else {
            try createHistory(driver, createdSchemas: created)
        }
        try insertBaseline(driver)
        return options.plan.baselineVersion.description
    }

    /// Removes failed rows, realigns checksums and descriptions with the files, and marks migrations whose
    /// files are gone as deleted.
    public func repair(_ discovered: DiscoveredMigrations) throws -> RepairResult {
        let driver = try openDriver()
        let callbacks = Callbacks(discovered.callbacks, scripts: ScriptPreparer(session: driver.session, options: options, dialect: dialect))
        return try callbacks.around(.beforeRepair, .afterRepair, error: .afterRepairError, with: self) {
            try withLock(driver) { try repairLocked(discovered, driver: driver) }
        }
    }

    private func repairLocked(_ discovered: DiscoveredMigrations, driver: any MigrationDriver) throws -> RepairResult {
        guard try driver.historyExists() else { return RepairResult() }
        let applied = try driver.readHistory()
        let scripts = ScriptPreparer(session: driver.session, options: options, dialect: dialect)
        let actions = try MigrationPlan.repair(
            migrations: scripts.resolve(discovered), applied: applied, options: options.plan)
        var result = RepairResult()
        let installedBy = options.installedBy ?? driver.session.user
        try writer.transaction {
            if let lock = driver.transactionLock { try writer.write(lock) }
            for action in actions {
                switch action {
                case .removeFailedRow(let row):
                    try driver.history.delete(rank: row.installedRank, with: writer)
                    result.removedFailed.append(row.script)
                case .align(let row, let description, let type, let checksum):
                    try driver.history.realign(
                        rank: row.installedRank, checksum: checksum, description: description, type: type,
                        with: writer)
                    result.realigned.append(row.script)
                case .markDeleted(let row, let insert):
                    try driver.history.insert(insert, installedBy: installedBy, success: row.success, with: writer)
                    result.markedDeleted.append(row.script)
                }
            }
        }
        return result
    }

    // MARK: steps

    /// Runs one migration (or undo) file and records it, with the phase's per-migration callbacks: inside the
    /// file's transaction when it has one, as Flyway does, so the callbacks commit or roll back with it.
    ///
    /// - Returns: nil when `lockAndRecheck` (the table-lock family) finds that another run applied it meanwhile.
    func apply(
        _ migration: ResolvedMigration, scripts: ScriptPreparer, driver: any MigrationDriver, phase: CallbackPhase,
        callbacks: Callbacks, lockAndRecheck: (() throws -> Bool)?
    ) throws -> AppliedStep? {
        let script = try scripts.prepare(migration)
        script.warnings.forEach { events(.warning($0)) }
        events(.applying(script: migration.script))
        connection.noticeHandler = { [events] notice in
            events(.serverNotice(script: migration.script, message: "\(notice.severity): \(notice.message)"))
        }
        defer { connection.noticeHandler = nil }
        let started = ContinuousClock.now
        let hint = "fix the migration and run \(phase.command) again"
        let installedBy = options.installedBy ?? driver.session.user
        writer.note(migration.script + (script.transactional ? "" : " (runs outside a transaction)"))
        var stillPending = true
        if script.transactional {
            let writer = oneQueryWriter(for: script, driver: driver, phase: phase, callbacks: callbacks, lockAndRecheck)
                ?? self.writer
            do {
                try writer.transaction {
                    stillPending = try lockAndRecheck?() ?? true
                    guard stillPending else { return }
                    try callbacks.fire(phase.beforeEach, with: self, inOpenTransaction: true)
                    try writer.run(script, category: .migration, hint: hint)
                    try callbacks.fire(phase.afterEach, with: self, inOpenTransaction: true)
                    try driver.history.insert(
                        migration.historyRow, installedBy: installedBy, executionTime: writer.executionTime(since: started),
                        with: writer)
                }
            } catch {
                // After the rollback: PostgreSQL runs nothing more in an aborted transaction.
                throw callbacks.fireAfterError(phase.afterEachError, with: self, failure: error)
            }
        } else {
            // A file that runs outside a transaction cannot hold the table lock while it runs; the re-check
            // under a short lock still keeps a run from starting what another one has already recorded.
            if let lockAndRecheck { try writer.transaction { stillPending = try lockAndRecheck() } }
            guard stillPending else {
                events(.appliedElsewhere(script: migration.script))
                return nil
            }
            try runOutsideTransaction(
                script, migration, driver: driver, phase: phase, callbacks: callbacks, installedBy: installedBy,
                started: started)
        }
        guard stillPending else {
            events(.appliedElsewhere(script: migration.script))
            return nil
        }
        let step = AppliedStep(
            version: migration.version?.description, description: migration.description, script: migration.script,
            type: migration.type, executionTime: elapsedMilliseconds(since: started),
            transactional: script.transactional)
        events(.applied(step))
        return step
    }

    /// Runs a file that cannot run in a transaction. Its history row goes in first, as failed, and is marked
    /// successful when the file has run: a run killed halfway leaves a failed row that the next run refuses
    /// (and `repair` removes) rather than objects that no history row explains. Flyway records the failure only
    /// after the fact.
    private func runOutsideTransaction(
        _ script: PreparedScript, _ migration: ResolvedMigration, driver: any MigrationDriver, phase: CallbackPhase,
        callbacks: Callbacks, installedBy: String, started: ContinuousClock.Instant
    ) throws {
        try driver.history.insert(migration.historyRow, installedBy: installedBy, success: false, with: writer)
        do {
            try callbacks.fire(phase.beforeEach, with: self)
            try writer.run(script, category: .migration, hint: nil)
        } catch var diagnostic as Diagnostic {
            diagnostic.hint = "this file ran outside a transaction, so part of it may have been applied: "
                + "fix the database and the file, then run repair and \(phase.command) again"
            throw callbacks.fireAfterError(phase.afterEachError, with: self, failure: diagnostic)
        }
        try callbacks.fire(phase.afterEach, with: self)
        do {
            try driver.history.markSucceeded(
                script: migration.script, executionTime: writer.executionTime(since: started), with: writer)
        } catch var diagnostic {
            diagnostic.notes.append(
                "\(migration.script) ran to its end, but its history row still says it failed")
            diagnostic.hint = "check that the user may write \(driver.history.displayName), then run repair (which "
                + "removes the failed row) and mark the file applied with baseline or by running it again"
            throw diagnostic
        }
    }

    /// The one-query writer for a migration, when nothing has to run between its statements: no dry run (which
    /// writes statements out one by one), no table lock and re-check, no per-migration callbacks.
    private func oneQueryWriter(
        for script: PreparedScript, driver: any MigrationDriver, phase: CallbackPhase, callbacks: Callbacks,
        _ lockAndRecheck: (() throws -> Bool)?
    ) -> OneQueryWriter? {
        guard dryRun == nil, lockAndRecheck == nil, dialect.sendsMigrationsWhole, OneQueryWriter.canSend(script),
            let elapsed = driver.transactionElapsedMilliseconds,
            !callbacks.has(phase.beforeEach), !callbacks.has(phase.afterEach)
        else { return nil }
        return OneQueryWriter(connection: connection, dialect: dialect, elapsedExpression: elapsed)
    }

    func createMissingSchemas(_ driver: any MigrationDriver) throws -> [String] {
        let missing = try driver.missingSchemas()
        guard !missing.isEmpty else { return [] }
        for schema in missing { try writer.write(driver.createSchema(schema)) }
        events(.createdSchemas(missing))
        return missing
    }

    /// What migrate does when the schema already holds objects but has no history table.
    enum NonEmptySchema {
        case refuse, baseline, accept
    }

    /// Creates the history table (with Flyway's schema-creation marker when Slipway created the schemas).
    func createHistory(
        _ driver: any MigrationDriver, createdSchemas: [String], nonEmptySchema: NonEmptySchema = .accept
    ) throws {
        let populated = nonEmptySchema == .accept || createdSchemas.contains(driver.session.defaultSchema)
            ? false : try driver.schemaHasObjects()
        if populated && nonEmptySchema == .refuse {
            // Without a run lock a concurrent first run may have created the table and applied migrations since
            // this run looked: then the objects are that run's, not a foreign schema's.
            if driver.retriesConcurrentCreation, try driver.historyExists() { return }
            throw Diagnostic(
                category: .validation, code: "non-empty-schema",
                message: "schema \"\(driver.session.defaultSchema)\" already holds objects but has no schema history table",
                hint: "run baseline first, or set baselineOnMigrate=true (--baseline-on-migrate), to start "
                    + "migrating an existing database")
        }
        try writer.transaction {
            try driver.history.create(with: writer)
            if !createdSchemas.isEmpty {
                try driver.history.insert(
                    HistoryRowValues(
                        version: nil, description: "<< Flyway Schema Creation >>", type: HistoryType.schema,
                        script: createdSchemas.map { dialect.quoteIdentifier($0) }.joined(separator: ","),
                        checksum: nil),
                    installedBy: options.installedBy ?? driver.session.user, rank: 0, with: writer)
            }
        }
        events(.createdHistoryTable(driver.history.displayName))
        if populated && nonEmptySchema == .baseline {
            try insertBaseline(driver)
        }
    }

    func insertBaseline(_ driver: any MigrationDriver) throws {
        let version = options.plan.baselineVersion
        try driver.history.insert(
            HistoryRowValues.baseline(version: version, description: options.baselineDescription),
            installedBy: options.installedBy ?? driver.session.user, with: writer)
        events(.baselined(version: version.description))
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
