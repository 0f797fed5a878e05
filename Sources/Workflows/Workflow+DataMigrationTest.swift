import Diagnostics
import Migrations
import Migrator
import PostgresClient
import SpecRunner
import Specs
import TargetDatabase
import TestResults

extension Workflow {
    /// Runs each data-migration spec on a fresh database of its own, so the other suites never see its versions
    /// or data: migrated to `from`, the suite's setup (committed), migrated to `to`, then its tests as usual.
    /// A migration that fails makes every test of that suite an error that carries the migration's diagnostic.
    /// Returns `finished` (the other suites' results) followed by theirs; a run stopped here keeps both.
    func runDataMigrationSuites(
        _ suites: [SpecSuite], after finished: [SuiteResult], filter: TestFilter, discovered: DiscoveredMigrations,
        on database: OpenedDatabase, events: @escaping (TestEvent) -> Void
    ) throws -> [SuiteResult] {
        var results = finished
        for (index, suite) in suites.enumerated() {
            guard let migration = suite.dataMigration, suite.tests.contains(where: { filter.includes($0, in: suite) })
            else { continue }
            do {
                results += try run(suite, migration, index, filter, discovered, database, events)
            } catch let stopped as RunStopped {
                throw RunStopped(results: results + stopped.results, cause: stopped.cause)
            }
        }
        return results
    }

    /// One data-migration spec on its fresh database.
    private func run(
        _ suite: SpecSuite, _ migration: DataMigration, _ index: Int, _ filter: TestFilter,
        _ discovered: DiscoveredMigrations, _ database: OpenedDatabase, _ events: @escaping (TestEvent) -> Void
    ) throws -> [SuiteResult] {
        try database.withFreshDatabase(index) { fresh in
            // An interrupt cancels what runs there too.
            interruption.watchWorker(fresh.makeCanceller())
            let runner = SpecRunner(
                connection: fresh, dialect: database.dialect, s3: s3Fixtures,
                isInterrupted: { [interruption] in interruption.isInterrupted }, events: events)
            var tests = suite
            tests.setup = []
            return try runner.around(
                [tests], filter: filter,
                setup: {
                    if let failure = try migrate(fresh, to: migration.from, discovered, database, at: migration.location) {
                        return failure
                    }
                    if let failure = try runner.runSteps(suite.setup, stage: "setup at version \(migration.from)") {
                        return failure
                    }
                    return try migrate(fresh, to: migration.to, discovered, database, at: migration.location)
                },
                teardown: { nil }, { try runner.run([tests], filter: filter) })
        }
    }

    /// Migrates the fresh database up to `version` (nil: everything pending); a failure says which step failed.
    /// An interrupt stops the run instead, as it does in a test.
    private func migrate(
        _ connection: Connection, to version: String?, _ discovered: DiscoveredMigrations, _ database: OpenedDatabase,
        at location: SourceLocation
    ) throws -> TestFailure? {
        let goal = version.map { "version \($0)" } ?? "the latest version"
        if let version, !discovered.migrations.contains(where: { $0.kind == .versioned && $0.version == MigrationVersion(version) }) {
            let known = discovered.migrations.filter { $0.kind == .versioned }.compactMap(\.version?.description)
            let message = "no versioned migration has version \(version)"
            return TestFailure(
                message: message, type: "migration",
                details: "\(message)\nat: \(location)\nhint: name one of the versions in the migration locations: \(known.joined(separator: ", "))")
        }
        do {
            var options = migratorOptions
            options.plan.target = try version.map { text throws(Diagnostic) in try MigrationTarget.parse(text) } ?? .latest
            let migrator = Migrator(
                connection: connection, dialect: database.dialect, options: options,
                isInterrupted: { [interruption] in interruption.isInterrupted }, events: { _ in })
            _ = try migrator.migrate(discovered)
            return nil
        } catch {
            if interruption.isInterrupted { throw RunStopped(results: [], cause: error) }
            let message = "migrating the data-migration spec's database to \(goal) failed"
            return TestFailure(message: "\(message): \(error)", type: "migration", details: "\(message)\n\(error)\nat: \(location)")
        }
    }
}
