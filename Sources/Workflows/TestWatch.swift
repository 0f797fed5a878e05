import Dialect
import Foundation
import Migrations
import MigrationResults
import PostgresClient
import SpecRunner
import Specs
import TargetDatabase
import TestResults

/// The warm state of `slipway test --watch` on the embedded server: the connected database stays pristine (as
/// the server started it), the migrated *template* is a copy of it, and every test run gets a fresh copy of the
/// template. A copy on the embedded server is a file copy of a few milliseconds.
final class TestWatch {
    private let workflow: Workflow
    private let database: OpenedDatabase
    private let migrationEvents: (MigrationEvent) -> Void
    private let testEvents: (TestEvent) -> Void
    /// The migrated database, once a migration succeeded.
    private var template: String?
    /// What the template was migrated from, less its repeatables: when this changes, the template is rebuilt.
    private var templateBase: [String] = []
    /// The migrations the template was migrated with (for the test callbacks).
    private var discovered: DiscoveredMigrations?
    private var copies = 0
    /// Copies no longer used, dropped between runs rather than on the way to a result.
    private var unused: [String] = []

    init(
        _ workflow: Workflow, _ database: OpenedDatabase, migrationEvents: @escaping (MigrationEvent) -> Void,
        testEvents: @escaping (TestEvent) -> Void
    ) {
        self.workflow = workflow
        self.database = database
        self.migrationEvents = migrationEvents
        self.testEvents = testEvents
    }

    var isMigrated: Bool { template != nil }

    /// Brings the template up to the files: a changed repeatable is re-applied on a copy of the template; any
    /// other change (a versioned migration added, edited or removed, a callback) migrates a copy of the pristine
    /// database from the start. The template is replaced only when the migration succeeds.
    func migrate() throws -> MigrateResult {
        let discovered = try workflow.discover()
        discovered.warnings.forEach { migrationEvents(.warning($0)) }
        let base = discovered.migrations.filter { $0.kind != .repeatable }.map { "\($0.script) \($0.checksum)" }
            + discovered.callbacks.map { "\($0.script) \($0.text)" }
        let source = base == templateBase ? template ?? database.connection.database : database.connection.database
        let name = try copy(source)
        let result: MigrateResult
        do {
            result = try onCopy(name) { connection in
                try workflow.migrator(on: connection, dialect: database.dialect, events: migrationEvents).migrate(discovered)
            }
        } catch {
            unused.append(name)
            throw error
        }
        unused += [template].compactMap { $0 }
        template = name
        templateBase = base
        self.discovered = discovered
        return result
    }

    /// Runs `suites` on a fresh copy of the template, with the `beforeTest` and `afterTest` callbacks.
    func run(_ suites: [SpecSuite], filter: TestFilter, shared: SharedSetup?) throws -> [SuiteResult] {
        guard let template, let discovered else { return [] }
        let name = try copy(template)
        defer { unused.append(name) }
        return try onCopy(name) { connection in
            let migrator = workflow.migrator(on: connection, dialect: database.dialect, events: migrationEvents)
            try migrator.runCallbacks(.beforeTest, from: discovered)
            let runner = SpecRunner(
                connection: connection, dialect: database.dialect, s3: workflow.s3Fixtures,
                isInterrupted: { [interruption = workflow.interruption] in interruption.isInterrupted }, events: testEvents)
            let results: [SuiteResult]
            do {
                results = try runner.aroundShared(shared, suites: suites, filter: filter) { try runner.run(suites, filter: filter) }
            } catch let stopped as RunStopped {
                throw stopped.cause
            }
            try migrator.runCallbacks(.afterTest, from: discovered)
            return results
        }
    }

    /// Runs `body` on a session to database `name`, whose statements an interrupt cancels.
    private func onCopy<T>(_ name: String, _ body: (Connection) throws -> T) throws -> T {
        let connection = try database.connector(toDatabase: name)()
        workflow.interruption.watch(connection.makeCanceller())
        defer {
            workflow.interruption.watch(database.connection.makeCanceller())
            connection.close()
        }
        return try body(connection)
    }

    private func copy(_ source: String) throws -> String {
        waitUntilUnused(source)
        copies += 1
        let name = "slipway_watch_\(copies)"
        try database.connection.execute(database.dialect.copyDatabaseStatement(name, template: source, copyingFiles: true))
        return name
    }

    /// Waits (at most 2 s) until the session this watch closed on `name` has ended on the server: a copy from a
    /// template that a session still uses waits 100 ms and retries, most of a re-run's time.
    private func waitUntilUnused(_ name: String) {
        let deadline = ContinuousClock.now + .seconds(2)
        while ContinuousClock.now < deadline, !workflow.interruption.isInterrupted,
            let count = try? database.connection.execute(database.dialect.sessionsOnDatabaseQuery, parameters: [name]).rows.first?.first,
            count != "0"
        {
            usleep(500)
        }
    }

    /// Drops the copies no longer used (each drop checkpoints the server).
    func dropUnused() {
        for name in unused { _ = try? database.connection.execute(database.dialect.dropDatabaseStatement(name)) }
        unused = []
    }
}
