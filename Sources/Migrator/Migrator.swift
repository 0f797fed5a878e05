import Dialect
import Diagnostics
import Foundation
import Migrations
import PostgresClient

/// Runs Flyway-compatible migrate, info, validate, baseline and repair on one connection.
///
/// The planning is pure (``MigrationPlan`` in the Migrations module); this type only reads and writes the
/// database: the history table, the lock, and the scripts the plan names.
public final class Migrator {
    let connection: Connection
    let dialect: Dialect
    let options: MigratorOptions
    private let isInterrupted: () -> Bool
    private let events: (MigrationEvent) -> Void

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
    }

    // MARK: migrate

    /// Validates applied migrations against the files, then applies what is pending, each migration and its
    /// history row in one transaction (or none, for files that cannot run in one).
    public func migrate(_ discovered: DiscoveredMigrations) throws -> MigrateResult {
        let started = ContinuousClock.now
        let session = try SessionContext.read(connection: connection, dialect: dialect, options: options)
        return try withLock(session) {
            try retryingConcurrentCreation(session) {
                let created = try createMissingSchemas(session)
                if try !session.history.exists(on: connection) {
                    try createHistory(
                        session, createdSchemas: created,
                        nonEmptySchema: options.baselineOnMigrate ? .baseline : .refuse)
                }
            }
            let scripts = ScriptPreparer(session: session, options: options, dialect: dialect)
            let resolved = try scripts.resolve(discovered)
            let plan = try MigrationPlan(
                migrations: resolved, applied: session.history.read(on: connection), options: planOptions())
            let blockers = options.validateOnMigrate ? plan.validate(pendingAllowed: true) : plan.migrationBlockers()
            if !blockers.isEmpty { throw DiagnosticList(blockers) }
            let pending = plan.pendingMigrations
            var steps: [AppliedStep] = []
            for migration in pending {
                if isInterrupted() {
                    throw interruptedDiagnostic(applied: steps, remaining: pending.count - steps.count)
                }
                do {
                    let lock = historyTableLock(session).map { lock in
                        { () throws -> Bool in
                            try lock.lockAndRecheck(
                                migration, among: resolved, options: self.planOptions(), on: self.connection)
                        }
                    }
                    if let step = try apply(migration, scripts: scripts, session: session, lockAndRecheck: lock) {
                        steps.append(step)
                    }
                } catch var diagnostic as Diagnostic {
                    diagnostic.notes += progressNotes(applied: steps, pending: pending, failed: migration)
                    throw diagnostic
                }
            }
            let versions = [plan.current?.version] + steps.map { $0.version.flatMap(MigrationVersion.init) }
            return MigrateResult(
                initialVersion: plan.current?.version?.description,
                finalVersion: versions.compactMap { $0 }.max()?.description, applied: steps,
                schema: session.defaultSchema, totalTime: milliseconds(since: started))
        }
    }

    // MARK: info, validate

    public func info(_ discovered: DiscoveredMigrations, serverVersion: String) throws -> InfoResult {
        let session = try SessionContext.read(connection: connection, dialect: dialect, options: options)
        let plan = try readOnlyPlan(discovered, session: session)
        return InfoResult(
            entries: plan.info, schema: session.defaultSchema, table: options.table,
            currentVersion: plan.current?.version?.description, dialect: dialect, serverVersion: serverVersion)
    }

    /// Every difference between the files and the history; pending migrations count as differences, as in
    /// Flyway's `validate`.
    public func validate(_ discovered: DiscoveredMigrations) throws -> [Diagnostic] {
        let session = try SessionContext.read(connection: connection, dialect: dialect, options: options)
        return try readOnlyPlan(discovered, session: session).validate(pendingAllowed: false)
    }

    // MARK: baseline, repair

    /// Marks an existing database as being at the baseline version, so migrate starts above it.
    public func baseline() throws -> String {
        let session = try SessionContext.read(connection: connection, dialect: dialect, options: options)
        return try withLock(session) {
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
    }

    /// Removes failed rows, realigns checksums and descriptions with the files, and marks migrations whose
    /// files are gone as deleted.
    public func repair(_ discovered: DiscoveredMigrations) throws -> RepairResult {
        let session = try SessionContext.read(connection: connection, dialect: dialect, options: options)
        return try withLock(session) {
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
                        try session.history.delete(rank: row.installedRank, on: connection)
                        result.removedFailed.append(row.script)
                    case .align(let row, let description, let type, let checksum):
                        try session.history.realign(
                            rank: row.installedRank, checksum: checksum, description: description, type: type,
                            on: connection)
                        result.realigned.append(row.script)
                    case .markDeleted(let row, let insert):
                        try session.history.insert(insert, installedBy: installedBy, success: row.success, on: connection)
                        result.markedDeleted.append(row.script)
                    }
                }
            }
            return result
        }
    }

    // MARK: steps

    /// Applies one migration; nil when `lockAndRecheck` (Redshift's locking) finds that another run applied it.
    private func apply(
        _ migration: ResolvedMigration, scripts: ScriptPreparer, session: SessionContext,
        lockAndRecheck: (() throws -> Bool)?
    ) throws -> AppliedStep? {
        let script = try scripts.prepare(migration)
        script.warnings.forEach { events(.warning($0)) }
        events(.applying(script: migration.script))
        connection.noticeHandler = { [events] notice in
            events(.serverNotice(script: migration.script, message: "\(notice.severity): \(notice.message)"))
        }
        defer { connection.noticeHandler = nil }
        let started = ContinuousClock.now
        let hint = "fix the migration and run migrate again"
        let record = { (success: Bool) throws(Diagnostic) in
            try session.history.insert(
                migration.historyRow, installedBy: self.options.installedBy ?? session.user,
                executionTime: self.milliseconds(since: started), success: success, on: self.connection)
        }
        var stillPending = true
        if script.transactional {
            try transaction {
                stillPending = try lockAndRecheck?() ?? true
                guard stillPending else { return }
                try ScriptRunner(connection: connection).run(script, category: .migration, hint: hint)
                try record(true)
            }
        } else {
            // A file that runs outside a transaction cannot hold the table lock while it runs; the re-check
            // under a short lock still keeps a run from starting what another one has already recorded.
            try transaction { stillPending = try lockAndRecheck?() ?? true }
            guard stillPending else {
                events(.appliedElsewhere(script: migration.script))
                return nil
            }
            do {
                try ScriptRunner(connection: connection).run(script, category: .migration, hint: hint)
            } catch var diagnostic {
                // Flyway records the failure so that nobody re-runs a half-applied script without looking.
                try? record(false)
                diagnostic.hint = "this file ran outside a transaction, so part of it may have been applied: "
                    + "fix the database and the file, then run repair and migrate again"
                throw diagnostic
            }
            try record(true)
        }
        guard stillPending else {
            events(.appliedElsewhere(script: migration.script))
            return nil
        }
        let step = AppliedStep(
            version: migration.version?.description, description: migration.description, script: migration.script,
            type: migration.type, executionTime: milliseconds(since: started),
            transactional: script.transactional)
        events(.applied(step))
        return step
    }

    private func createMissingSchemas(_ session: SessionContext) throws -> [String] {
        let missing = try session.missingSchemas(on: connection)
        guard !missing.isEmpty else { return [] }
        for schema in missing {
            try execute("CREATE SCHEMA \(dialect.quoteIdentifier(schema))")
        }
        events(.createdSchemas(missing))
        return missing
    }

    /// What migrate does when the schema already holds objects but has no history table.
    private enum NonEmptySchema {
        case refuse, baseline, accept
    }

    /// Creates the history table (with Flyway's schema-creation marker when Slipway created the schemas).
    private func createHistory(
        _ session: SessionContext, createdSchemas: [String], nonEmptySchema: NonEmptySchema = .accept
    ) throws {
        let populated = nonEmptySchema == .accept || createdSchemas.contains(session.defaultSchema)
            ? false : try session.schemaHasObjects(on: connection)
        if populated && nonEmptySchema == .refuse {
            throw Diagnostic(
                category: .validation, code: "non-empty-schema",
                message: "schema \"\(session.defaultSchema)\" already holds objects but has no schema history table",
                hint: "run baseline first, or set baselineOnMigrate=true (--baseline-on-migrate), to start "
                    + "migrating an existing database")
        }
        try transaction {
            try session.history.create(on: connection)
            if !createdSchemas.isEmpty {
                try session.history.insert(
                    HistoryRowValues(
                        version: nil, description: "<< Flyway Schema Creation >>", type: HistoryType.schema,
                        script: createdSchemas.map { dialect.quoteIdentifier($0) }.joined(separator: ","),
                        checksum: nil),
                    installedBy: options.installedBy ?? session.user, rank: 0, on: connection)
            }
        }
        events(.createdHistoryTable(session.history.displayName))
        if populated && nonEmptySchema == .baseline {
            try insertBaseline(session)
        }
    }

    private func insertBaseline(_ session: SessionContext) throws {
        let version = try MigrationVersion.parse(options.baselineVersion)
        try session.history.insert(
            HistoryRowValues.baseline(version: version, description: options.baselineDescription),
            installedBy: options.installedBy ?? session.user, on: connection)
        events(.baselined(version: options.baselineVersion))
    }

    // MARK: locking and transactions

    func withLock<T>(_ session: SessionContext, _ body: () throws -> T) throws -> T {
        guard case .advisory(let key) = dialect.lockStrategy(schema: session.defaultSchema, table: options.table)
        else { return try body() }
        let lock = MigrationLock(key: key, waitTimeout: options.lockWaitTimeout)
        try lock.acquire(on: connection) { holder in events(.waitingForLock(holder: holder)) }
        defer { lock.release(on: connection) }
        return try body()
    }

    /// Redshift's locking, when the dialect has no advisory locks: see ``HistoryTableLock``.
    private func historyTableLock(_ session: SessionContext) -> HistoryTableLock? {
        guard case .historyTableLock(let statement) = dialect.lockStrategy(
            schema: session.defaultSchema, table: options.table)
        else { return nil }
        return HistoryTableLock(statement: statement, history: session.history)
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
            _ = try? connection.execute("ROLLBACK")
            throw error
        }
    }

    func execute(_ sql: String) throws {
        do {
            try connection.execute(sql)
        } catch {
            throw ServerErrorDiagnostic.make(error, statement: nil, script: nil, file: nil, category: .migration, hint: nil)
        }
    }

    // MARK: reporting helpers

    private func planOptions() throws -> PlanOptions {
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
            baselineVersion: try MigrationVersion.parse(options.baselineVersion))
    }

    /// The plan for info and validate, which change nothing (not even creating the history table).
    private func readOnlyPlan(_ discovered: DiscoveredMigrations, session: SessionContext) throws -> MigrationPlan {
        let applied = try session.history.exists(on: connection) ? session.history.read(on: connection) : []
        let scripts = ScriptPreparer(session: session, options: options, dialect: dialect)
        return try MigrationPlan(migrations: scripts.resolve(discovered), applied: applied, options: planOptions())
    }

    private func progressNotes(applied: [AppliedStep], pending: [ResolvedMigration], failed: ResolvedMigration)
        -> [String]
    {
        let remaining = pending.drop { $0.script != failed.script }.dropFirst().map(\.script)
        var notes = ["applied before the failure: "
            + (applied.isEmpty ? "none" : applied.map(\.script).joined(separator: ", "))]
        notes.append("not applied: " + ([failed.script] + remaining).joined(separator: ", "))
        return notes
    }

    private func interruptedDiagnostic(applied: [AppliedStep], remaining: Int) -> Diagnostic {
        Diagnostic(
            category: .migration, code: "interrupted",
            message: "interrupted: \(applied.count) migration(s) applied, \(remaining) not applied",
            hint: "run migrate again to apply the rest")
    }

    private func milliseconds(since start: ContinuousClock.Instant) -> Int {
        let elapsed = ContinuousClock.now - start
        return Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
    }
}
