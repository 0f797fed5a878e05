import Configuration
import Diagnostics
import Foundation
import JUnitReport
import Migrations
import MigrationResults
import Migrator
import SpecRunner
import Specs
import TargetDatabase
import TestResults

/// What `slipway test` was asked to do beyond migrating.
public struct TestRequest: Sendable {
    /// The folder of spec files, relative to the working directory.
    public var specDirectory: String
    /// Where the JUnit XML reports go, relative to the working directory.
    public var reportDirectory: String
    public var filter: [String]
    /// Parallel workers; nil: one per core on the embedded server, else 1.
    public var jobs: Int?
    /// Run only this part of the suites (`--shard I/N`).
    public var shard: SuiteShard?

    public init(specDirectory: String, reportDirectory: String, filter: [String], jobs: Int? = nil, shard: SuiteShard? = nil) {
        self.specDirectory = specDirectory
        self.reportDirectory = reportDirectory
        self.filter = filter
        self.jobs = jobs
        self.shard = shard
    }
}

/// What `slipway test` did.
public struct TestRunResult: Sendable {
    public var migration: MigrateResult
    public var suites: [SuiteResult]
    public var reportFiles: [String]
    public var counts: TestCounts
    /// How many workers ran the suites.
    public var jobs: Int
    /// What ran the tests when it was not the product itself, e.g. `redshift (emulated on PostgreSQL 15.20)`.
    public var emulation: String?
}

extension Workflow {
    /// Checks the specs and the report directory, migrates, runs the tests and writes the reports, in that order: a
    /// bad spec, an unwritable report directory or a failed migration stops the run before any test runs.
    public func test(
        _ request: TestRequest,
        migrationEvents: @escaping (MigrationEvent) -> Void,
        testEvents: @escaping (TestEvent) -> Void
    ) throws -> TestRunResult {
        // Relative paths stay relative so that every location in a report reads as it does in the repository.
        let specDirectory = request.specDirectory
        let specs = Concurrently { try SpecLoader.discoverProject(directory: specDirectory) }
        do {
            return try withDiscoveryAndDatabase { discovered, database in
                // Specs first, then the report directory: a run that cannot test must not change the database.
                let project = try specs.value()
                let selection = TestSelection(
                    project.suites, filter: TestFilter(request.filter), shard: request.shard, shared: project.shared)
                discovered.warnings.forEach { migrationEvents(.warning($0)) }
                try JUnitXMLWriter.prepare(absolute(request.reportDirectory))
                return try test(selection, request, discovered, database, migrationEvents, testEvents)
            }
        } catch {
            // A bad spec is reported before a bad migration file or an unreachable database.
            _ = try specs.value()
            throw error
        }
    }

    private func test(
        _ selection: TestSelection, _ request: TestRequest, _ discovered: DiscoveredMigrations,
        _ database: OpenedDatabase, _ migrationEvents: @escaping (MigrationEvent) -> Void,
        _ testEvents: @escaping (TestEvent) -> Void
    ) throws -> TestRunResult {
        let migrator = migrator(database, events: migrationEvents)
        let migration = try migrator.migrate(discovered)
        let jobs = workers(request.jobs, suites: selection.suites.count, database: database, events: testEvents)
        try migrator.runCallbacks(.beforeTest, from: discovered)
        let results: [SuiteResult]
        do {
            results = try runDataMigrationSuites(
                selection.suites, after: runSuites(selection, jobs: jobs, on: database, events: testEvents),
                filter: selection.filter, discovered: discovered, on: database, events: testEvents)
        } catch let stopped as RunStopped {
            // A lost connection or an interrupt: the reports say what finished and where it stopped.
            _ = try? writeReports(stopped.results, selection, request, database)
            throw stopped.cause
        }
        try migrator.runCallbacks(.afterTest, from: discovered)
        let files = try writeReports(results, selection, request, database)
        let counts = results.map(\.counts).reduce(TestCounts(passed: 0, failures: 0, errors: 0, skipped: 0), +)
        return TestRunResult(
            migration: migration, suites: results,
            reportFiles: files.map { DisplayPath.relative($0, to: invocation.currentDirectory) }, counts: counts,
            jobs: jobs, emulation: database.dialect.emulatesRedshift ? dialectProperty(database) : nil)
    }

    private func writeReports(
        _ results: [SuiteResult], _ selection: TestSelection, _ request: TestRequest, _ database: OpenedDatabase
    ) throws -> [String] {
        // Named by suite, so a partial run's reports keep the names a whole run gives them.
        let names = Dictionary(zip(selection.suites.map(\.name), selection.reportNames)) { first, _ in first }
        return try JUnitXMLWriter.write(
            results, fileNames: results.map { names[$0.name] ?? "TEST-\($0.name).xml" },
            to: absolute(request.reportDirectory), properties: [("dialect", dialectProperty(database))],
            redacting: { [reportRedactor] in reportRedactor.redact($0) })
    }

    /// The JUnit `dialect` property: `redshift (emulated on PostgreSQL 15.20)` when emulated, else the dialect.
    private func dialectProperty(_ database: OpenedDatabase) -> String {
        database.dialect.emulatesRedshift
            ? database.dialect.displayName(serverVersion: database.serverVersion) : database.dialect.kind.rawValue
    }

    /// The console's redaction for reports, where a secret may also appear XML-escaped.
    var reportRedactor: Redactor {
        Redactor(secrets: settings.secrets.flatMap(JUnitXMLWriter.escapedForms(of:)))
    }

    func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : invocation.currentDirectory + "/" + path
    }
}

extension Workflow {
    /// The IAM role and bucket for `s3:` fixtures: Slipway's settings, else the story's pipeline variables.
    var s3Fixtures: S3Fixtures {
        S3Fixtures(
            iamRole: settings.redshiftIamRole ?? invocation.environment["TEST_REDSHIFT_IAM_ROLE"],
            bucket: settings.testDataS3Bucket ?? invocation.environment["TEST_DATA_S3_BUCKET"],
            localRoot: settings.s3Root.map(absolute), staging: s3Staging)
    }
}
