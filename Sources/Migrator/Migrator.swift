import Dialect
import Diagnostics
import Foundation
import Migrations
import PostgresClient

/// Runs Flyway-compatible migrate, undo, info, validate, baseline and repair on one connection, with the SQL
/// callbacks found next to the migrations.
///
/// The planning is pure (``MigrationPlan`` in the Migrations module); this type only reads and writes the
/// database: the history table, the lock, and the scripts the plan names. Every change goes through one
/// ``ChangeWriter``, so a dry run (``MigratorOptions/dryRun``) writes out exactly what a real run executes.
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

    // MARK: migrate

    /// Validates applied migrations against the files, then applies what is pending, each migration and its
    /// history row in one transaction (or none, for files that cannot run in one).
    public func migrate(_ discovered: DiscoveredMigrations) throws -> MigrateResult {
        let started = ContinuousClock.now
        let session = try SessionContext.read(connection: connection, dialect: dialect, options: options)
        let scripts = ScriptPreparer(session: session, options: options, dialect: dialect)
        let callbacks = Callbacks(discovered.callbacks, scripts: scripts)
        return try withLock(session) {
            let resolved = try scripts.resolve(discovered)
            // On a database with no history yet, check every file that is about to run before creating the
            // schemas and the history table, so that a bad file leaves a fresh database untouched too.
            var historyExists = try session.history.exists(on: connection)
            if !historyExists {
                let fresh = try MigrationPlan(migrations: resolved, applied: [], options: planOptions())
                for migration in fresh.pendingMigrations { _ = try scripts.prepare(migration) }
            }
            try retryingConcurrentCreation(session) {
                let created = try createMissingSchemas(session)
                // Under the lock a table that exists stays; one that did not may have appeared meanwhile.
                if !historyExists { historyExists = try session.history.exists(on: connection) }
                if !historyExists {
                    try createHistory(
                        session, createdSchemas: created,
                        nonEmptySchema: options.baselineOnMigrate ? .baseline : .refuse)
                }
            }
            // A dry run created nothing, so there is no table to read yet.
            let applied = historyExists || dryRun == nil ? try session.history.read(on: connection) : []
            let plan = try MigrationPlan(migrations: resolved, applied: applied, options: planOptions())
            plan.futureVersionWarning(schema: session.defaultSchema).map { events(.warning($0)) }
            try checkBeforeRunning(plan, callbacks: callbacks)
            let pending = plan.pendingMigrations
            // Every pending file is read, given its placeholders and scanned before the first one runs, so that
            // a bad file (encoding, unterminated quote, missing placeholder) changes nothing in the database.
            for migration in pending { _ = try scripts.prepare(migration) }
            let steps = try runPhase(
                .migrate, pending, session: session, callbacks: callbacks, recheckAmong: resolved,
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
                schema: session.defaultSchema, totalTime: elapsedMilliseconds(since: started),
                dryRunScript: dryRunScript(session))
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
        _ phase: CallbackPhase, _ migrations: [ResolvedMigration], session: SessionContext, callbacks: Callbacks,
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
                    let lock = lockAndRecheck(migration, among: resolved, session: session)
                    if let step = try apply(
                        migration, scripts: callbacks.scripts, session: session, phase: phase, callbacks: callbacks,
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
        let session = try SessionContext.read(connection: connection, dialect: dialect, options: options)
        let callbacks = Callbacks(discovered.callbacks, scripts: ScriptPreparer(session: session, options: options, dialect: dialect))
        let plan = try callbacks.around(.beforeInfo, .afterInfo, error: .afterInfoError, with: self) {
            try readOnlyPlan(discovered, session: session)
        }
        return InfoResult(
            entries: plan.info, schema: session.defaultSchema, table: options.table,
            currentVersion: plan.current?.version?.description, dialect: dialect, serverVersion: serverVersion)
    }

    /// Every difference between the files and the history; pending migrations count as differences, as in
    /// Flyway's `validate`.
    public func validate(_ discovered: DiscoveredMigrations) throws -> [Diagnostic] {
        let session = try SessionContext.read(connection: connection, dialect: dialect, options: options)
        let callbacks = Callbacks(discovered.callbacks, scripts: ScriptPreparer(session: session, options: options, dialect: dialect))
        return try callbacks.around(.beforeValidate, .afterValidate, error: .afterValidateError, with: self) {
            try readOnlyPlan(discovered, session: session).validate(pendingAllowed: false)
        }
    }

    // MARK: baseline, repair

    /// Marks an existing database as being at the baseline version, so migrate starts above it.
    ///
    /// - Parameter discovered: only its callbacks are used (beforeBaseline, afterBaseline).
    @discardableResult
    public func baseline(_ discovered: DiscoveredMigrations = DiscoveredMigrations(migrations: [])) throws -> String {
        let session = try SessionContext.read(connection: connection, dialect: dialect, options: options)
        let callbacks = Callbacks(discovered.callbacks, scripts: ScriptPreparer(session: session, options: options, dialect: dialect))
        return try callbacks.around(.beforeBaseline, .afterBaseline, error: .afterBaselineError, with: self) {
            try withLock(session) { try baselineLocked(session) }
        }
    }

    private func baselineLocked(_ session: SessionContext) throws -> String {
        let created = try createMissingSchemas(session)
        if try session.history.exists(on: connection) {
            let rows = try session.history.read(on: connection)
            if let existing = rows.first(where: { $0.type == "BASELINE" }) {
                guard existing.version == options.baselineVersion else {
                    throw Diagnostic(
                        category: .validation, code: "baseline-exists",
                        message: "\(session.history.displayName) already has a baseline at version "
                            + "\(existing.version ?? "?")",
                        hint: "a database is baselined once; run info to see its history")
                }
                return options.baselineVersion
            }
            if rows.contains(where: { $0.type != "SCHEMA" }) {
                throw Diagnostic(
                    category: .validation, code: "baseline-not-empty",
                    message: "cannot baseline: \(session.history.displayName) already contains migrations",
                    hint: "baseline is for databases that no migration tool has touched yet")
            }
        } else {
            try createHistory(session, createdSchemas: created)
        }
        try insertBaseline(session)
        return options.baselineVersion
    }

    /// Removes failed rows, realigns checksums and descriptions with the files, and marks migrations whose
    /// files are gone as deleted.
    public func repair(_ discovered: DiscoveredMigrations) throws -> RepairResult {
        let session = try SessionContext.read(connection: connection, dialect: dialect, options: options)
        let callbacks = Callbacks(discovered.callbacks, scripts: ScriptPreparer(session: session, options: options, dialect: dialect))
        return try callbacks.around(.beforeRepair, .afterRepair, error: .afterRepairError, with: self) {
            try withLock(session) { try repairLocked(discovered, session: session) }
        }
    }

    private func repairLocked(_ discovered: DiscoveredMigrations, session: SessionContext) throws -> RepairResult {
        guard try session.history.exists(on: connection) else {
            return RepairResult(removedFailed: [], realigned: [], markedDeleted: [])
        }
        let applied = try session.history.read(on: connection)
        let scripts = ScriptPreparer(session: session, options: options, dialect: dialect)
        let actions = try MigrationPlan.repair(
            migrations: scripts.resolve(discovered), applied: applied, options: planOptions())
        var result = RepairResult(removedFailed: [], realigned: [], markedDeleted: [])
        let installedBy = options.installedBy ?? session.user
        try transaction {
            if let lock = historyTableLock(session) { try execute(lock.statement) }
            for action in actions {
                switch action {
                case .removeFailedRow(let row):
                    try session.history.delete(rank: row.installedRank, with: writer)
                    result.removedFailed.append(row.script)
                case .align(let row, let description, let type, let checksum):
                    try session.history.realign(
                        rank: row.installedRank, checksum: checksum, description: description, type: type,
                        with: writer)
                    result.realigned.append(row.script)
                case .markDeleted(let row, let insert):
                    try session.history.insert(insert, installedBy: installedBy, success: row.success, with: writer)
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
    /// - Returns: nil when `lockAndRecheck` (Redshift's locking) finds that another run applied it meanwhile.
    func apply(
        _ migration: ResolvedMigration, scripts: ScriptPreparer, session: SessionContext, phase: CallbackPhase,
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
        let record = { (success: Bool) throws(Diagnostic) in
            try session.history.insert(
                migration.historyRow, installedBy: self.options.installedBy ?? session.user,
                executionTime: self.writer.executionTime(since: started), success: success, with: self.writer)
        }
        writer.note(migration.script + (script.transactional ? "" : " (runs outside a transaction)"))
        var stillPending = true
        if script.transactional {
            do {
                if let whole = wholeTransaction(for: script, phase: phase, callbacks: callbacks, lockAndRecheck),
                    let elapsed = dialect.transactionElapsedMilliseconds
                {
                    let row = session.history.insertStatement(
                        migration.historyRow, installedBy: options.installedBy ?? session.user,
                        executionTime: .expression(elapsed), success: true)
                    try whole.run(script, record: row.inlined(dialect), category: .migration, hint: hint)
                } else {
                    try transaction {
                        stillPending = try lockAndRecheck?() ?? true
                        guard stillPending else { return }
                        try callbacks.fire(phase.beforeEach, with: self, inOpenTransaction: true)
                        try writer.run(script, category: .migration, hint: hint)
                        try callbacks.fire(phase.afterEach, with: self, inOpenTransaction: true)
                        try record(true)
                    }
                }
            } catch {
                // After the rollback: PostgreSQL runs nothing more in an aborted transaction.
                throw callbacks.fireAfterError(phase.afterEachError, with: self, failure: error)
            }
        } else {
            // A file that runs outside a transaction cannot hold the table lock while it runs; the re-check
            // under a short lock still keeps a run from starting what another one has already recorded.
            if let lockAndRecheck { try transaction { stillPending = try lockAndRecheck() } }
            guard stillPending else {
                events(.appliedElsewhere(script: migration.script))
                return nil
            }
            do {
                try callbacks.fire(phase.beforeEach, with: self)
                try writer.run(script, category: .migration, hint: hint)
            } catch var diagnostic as Diagnostic {
                // Flyway records the failure so that nobody re-runs a half-applied script without looking.
                try? record(false)
                diagnostic.hint = "this file ran outside a transaction, so part of it may have been applied: "
                    + "fix the database and the file, then run repair and \(phase.command) again"
                throw callbacks.fireAfterError(phase.afterEachError, with: self, failure: diagnostic)
            }
            try callbacks.fire(phase.afterEach, with: self)
            try record(true)
        }
        guard stillPending else {
            events(.appliedElsewhere(script: migration.script))
            return nil
        }
        let step = AppliedStep(
            version: migration.version?.description, description: migration.description, script: migration.script,
            type: migration.type, executionTime: writer.executionTime(since: started),
            transactional: script.transactional)
        events(.applied(step))
        return step
    }

    /// The one-query sender for a migration, when nothing has to run between its statements: no dry run (which
    /// writes statements out one by one), no Redshift table lock and re-check, no per-migration callbacks.
    private func wholeTransaction(
        for script: PreparedScript, phase: CallbackPhase, callbacks: Callbacks, _ lockAndRecheck: (() throws -> Bool)?
    ) -> WholeTransaction? {
        guard dryRun == nil, lockAndRecheck == nil, dialect.sendsMigrationsWhole, WholeTransaction.canSend(script),
            !callbacks.has(phase.beforeEach), !callbacks.has(phase.afterEach)
        else { return nil }
        return WholeTransaction(connection: connection)
    }

    func createMissingSchemas(_ session: SessionContext) throws -> [String] {
        let missing = try session.missingSchemas(on: connection)
        guard !missing.isEmpty else { return [] }
        for schema in missing {
            try execute("CREATE SCHEMA \(dialect.quoteIdentifier(schema))")
        }
        events(.createdSchemas(missing))
        return missing
    }

    /// What migrate does when the schema already holds objects but has no history table.
    enum NonEmptySchema {
        case refuse, baseline, accept
    }

    /// Creates the history table (with Flyway's schema-creation marker when Slipway created the schemas).
    func createHistory(
        _ session: SessionContext, createdSchemas: [String], nonEmptySchema: NonEmptySchema = .accept
    ) throws {
        let populated = nonEmptySchema == .accept || createdSchemas.contains(session.defaultSchema)
            ? false : try session.schemaHasObjects(on: connection)
        if populated && nonEmptySchema == .refuse {
            // Without an advisory lock (Redshift) a concurrent first run may have created the table and applied
            // migrations since this run looked: then the objects are that run's, not a foreign schema's.
            if historyTableLock(session) != nil, try session.history.exists(on: connection) { return }
            throw Diagnostic(
                category: .validation, code: "non-empty-schema",
                message: "schema \"\(session.defaultSchema)\" already holds objects but has no schema history table",
                hint: "run baseline first, or set baselineOnMigrate=true (--baseline-on-migrate), to start "
                    + "migrating an existing database")
        }
        try transaction {
            try session.history.create(with: writer)
            if !createdSchemas.isEmpty {
                try session.history.insert(
                    HistoryRowValues(
                        version: nil, description: "<< Flyway Schema Creation >>", type: HistoryType.schema,
                        script: createdSchemas.map { dialect.quoteIdentifier($0) }.joined(separator: ","),
                        checksum: nil),
                    installedBy: options.installedBy ?? session.user, rank: 0, with: writer)
            }
        }
        events(.createdHistoryTable(session.history.displayName))
        if populated && nonEmptySchema == .baseline {
            try insertBaseline(session)
        }
    }

    func insertBaseline(_ session: SessionContext) throws {
        let version = try MigrationVersion.parse(options.baselineVersion)
        try session.history.insert(
            HistoryRowValues.baseline(version: version, description: options.baselineDescription),
            installedBy: options.installedBy ?? session.user, with: writer)
        events(.baselined(version: options.baselineVersion))
    }

    // MARK: locking and transactions

    func withLock<T>(_ session: SessionContext, _ body: () throws -> T) throws -> T {
        guard case .advisory(let key) = dialect.lockStrategy(schema: session.defaultSchema, table: options.table)
        else { return try body() }
        if dryRun != nil {
            // The script takes the lock itself when it runs; the dry run only reads.
            try execute("SELECT pg_advisory_lock(\(key))")
            let result = try body()
            try execute("SELECT pg_advisory_unlock(\(key))")
            return result
        }
        let lock = MigrationLock(key: key, waitTimeout: options.lockWaitTimeout)
        try lock.acquire(on: connection) { holder in events(.waitingForLock(holder: holder)) }
        defer { lock.release(on: connection) }
        return try body()
    }

    /// Redshift's locking, when the dialect has no advisory locks: see ``HistoryTableLock``.
    func historyTableLock(_ session: SessionContext) -> HistoryTableLock? {
        guard case .historyTableLock(let statement) = dialect.lockStrategy(
            schema: session.defaultSchema, table: options.table)
        else { return nil }
        return HistoryTableLock(statement: statement, history: session.history)
    }

    /// What each migration's transaction does first without advisory locks: lock the history table and, on a
    /// real migrate, plan again to see whether another run applied the migration meanwhile. A dry run and undo
    /// only take the lock.
    private func lockAndRecheck(
        _ migration: ResolvedMigration, among resolved: [ResolvedMigration]?, session: SessionContext
    ) -> (() throws -> Bool)? {
        guard let lock = historyTableLock(session) else { return nil }
        guard let resolved, dryRun == nil else {
            return { try self.execute(lock.statement); return true }
        }
        return {
            try lock.lockAndRecheck(migration, among: resolved, options: self.planOptions(), on: self.connection)
        }
    }

    /// Without an advisory lock nothing keeps two first runs from creating the same schema or history table at
    /// once; the run that loses sees the winner's objects when it looks again.
    private func retryingConcurrentCreation(_ session: SessionContext, _ body: () throws -> Void) throws {
        var attempts = 0
        while true {
            do {
                return try body()
            } catch let diagnostic as Diagnostic where attempts < 3 && historyTableLock(session) != nil
                && HistoryTableLock.concurrentCreation.contains(diagnostic.code ?? "")
            {
                attempts += 1
            }
        }
    }

    func transaction(_ body: () throws -> Void) throws {
        try execute("BEGIN")
        do {
            try body()
            try execute("COMMIT")
        } catch {
            _ = try? writer.execute(BoundStatement("ROLLBACK"))
            throw error
        }
    }

    func execute(_ sql: String) throws {
        do {
            try writer.execute(BoundStatement(sql))
        } catch {
            throw ServerErrorDiagnostic.make(error, statement: nil, script: nil, file: nil, category: .migration, hint: nil)
        }
    }

    // MARK: reporting helpers

    func planOptions() throws -> PlanOptions {
        let target: MigrationTarget
        switch options.target?.lowercased() {
        case nil, "latest": target = .latest
        case "current": target = .current
        case .some: target = .version(try MigrationVersion.parse(options.target ?? ""))
        }
        return PlanOptions(
            target: target, outOfOrder: options.outOfOrder,
            ignoreMigrationPatterns: try options.ignoreMigrationPatterns.map { pattern throws(Diagnostic) in
                try IgnorePattern(pattern)
            },
            cherryPick: try options.cherryPick.map { versions throws(Diagnostic) in
                try versions.map { version throws(Diagnostic) in try MigrationVersion.parse(version) }
            },
            baselineVersion: try MigrationVersion.parse(options.baselineVersion))
    }

    /// The plan for info and validate, which change nothing (not even creating the history table).
    func readOnlyPlan(_ discovered: DiscoveredMigrations, session: SessionContext) throws -> MigrationPlan {
        let applied = try session.history.exists(on: connection) ? session.history.read(on: connection) : []
        let scripts = ScriptPreparer(session: session, options: options, dialect: dialect)
        return try MigrationPlan(migrations: scripts.resolve(discovered), applied: applied, options: planOptions())
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
    func dryRunScript(_ session: SessionContext) -> String? {
        dryRun?.script(header: [
            "Slipway dry run: the SQL it would run, in order; nothing was changed.",
            "database \(session.database), schema history \(session.history.displayName), as user \(session.user)",
        ], searchPath: session.searchPath)
    }
}
