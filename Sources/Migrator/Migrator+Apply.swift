import Dialect
import Diagnostics
import Foundation
import MigrationDrivers
import MigrationResults
import Migrations
import PostgresClient

extension Migrator {
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
    func runOutsideTransaction(
        _ script: PreparedScript, _ migration: ResolvedMigration, driver: any MigrationDriver, phase: CallbackPhase,
        callbacks: Callbacks, installedBy: String, started: ContinuousClock.Instant
    ) throws {
        try driver.history.insert(migration.historyRow, installedBy: installedBy, success: false, with: writer)
        let buildsIndexes = dryRun == nil && script.statements.contains(where: Dialect.buildsIndexConcurrently)
        let invalidBefore = buildsIndexes ? try driver.invalidIndexes() : []
        do {
            try callbacks.fire(phase.beforeEach, with: self)
            try writer.run(script, category: .migration, hint: nil)
        } catch var diagnostic as Diagnostic {
            diagnostic.hint = "this file ran outside a transaction, so part of it may have been applied: "
                + "fix the database and the file, then run repair and \(phase.command) again"
            if buildsIndexes { diagnostic = cleanUpConcurrentBuild(diagnostic, driver: driver, invalidBefore: invalidBefore) }
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

    /// After a failed concurrent index build: drops the INVALID index it left (so that after repair the next run
    /// simply builds it again), and when it gave up waiting, names the sessions whose open transactions it waited
    /// for (a Flyway waiting for its lock keeps one open).
    private func cleanUpConcurrentBuild(
        _ failure: Diagnostic, driver: any MigrationDriver, invalidBefore: Set<String>
    ) -> Diagnostic {
        var diagnostic = failure
        if diagnostic.code == SQLState.lockNotAvailable {
            let holders = (try? driver.openTransactions()) ?? []
            diagnostic.notes += holders.map { "an open transaction it waited for: \($0)" }
            diagnostic.hint = "the concurrent index build waits for every older transaction; end the session(s) "
                + "above (a migrator waiting for its lock holds one) or run when they have finished, then run "
                + "repair and migrate again"
        }
        let leftover = ((try? driver.invalidIndexes()) ?? []).subtracting(invalidBefore)
        for index in leftover.sorted() {
            do {
                try writer.write(driver.dropIndex(index))
                diagnostic.notes.append("dropped the INVALID index \(index) the failed build left behind")
            } catch {
                diagnostic.notes.append("could not drop the INVALID index \(index) the failed build left: \(error.message)")
            }
        }
        return diagnostic
    }

    /// The one-query writer for a migration, when nothing has to run between its statements: no dry run (which
    /// writes statements out one by one), no table lock and re-check, no per-migration callbacks.
    func oneQueryWriter(
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
}
