import Configuration
import Coverage
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
    /// Where `--coverage` writes `cobertura.xml` and `lcov.info`, relative to the working directory; nil: no coverage.
    public var coverageDirectory: String?

    public init(
        specDirectory: String, reportDirectory: String, filter: [String], jobs: Int? = nil, shard: SuiteShard? = nil,
        coverageDirectory: String? = nil
    ) {
        self.specDirectory = specDirectory
        self.reportDirectory = reportDirectory
        self.filter = filter
        self.jobs = jobs
        self.shard = shard
        self.coverageDirectory = coverageDirectory
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
    /// plpgsql_check's findings on the migrations' routines, reported before the first test.
    public var routineFindings: [Diagnostic] = []
    /// With `--coverage`: the routines' coverage over the whole run, and the files it was written to.
    public var coverage: CoverageReport?
    public var coverageFiles: [String] = []
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
        var jobs = workers(request.jobs, suites: selection.suites.count, database: database, events: testEvents)
        try migrator.runCallbacks(.beforeTest, from: discovered)
        let coverage = request.coverageDirectory != nil
        let routines = try prepareRoutines(discovered, migrator, database, coverage: coverage)
        routines.findings.forEach { testEvents(.warning($0)) }
        if coverage, jobs > 1, case .plpgsqlCheck(let check, _) = routines.measure, !check.isPreloaded {
            testEvents(.warning(Diagnostic(
                .note, category: .input, code: "jobs",
                message: "running the tests on one worker: without plpgsql_check in shared_preload_libraries, profiles stay in the session that counted them")))
            jobs = 1
        }
        let results: [SuiteResult]
        var report: CoverageReport?
        do {
            results = try runSuites(selection, jobs: jobs, on: database, events: testEvents, finished: coverage ? { names in
                report = try self.coverage(routines, database, workerDatabases: names, warn: { testEvents(.warning($0)) })
            } : nil)
                + runDataMigrationSuites(
                    selection.suites, filter: selection.filter, discovered: discovered, on: database, events: testEvents)
        } catch let stopped as RunStopped {
            // A lost connection or an interrupt: the reports say what finished and where it stopped.
            _ = try? writeReports(stopped.results, selection, request, database)
            throw stopped.cause
        }
        try migrator.runCallbacks(.afterTest, from: discovered)
        let files = try writeReports(results, selection, request, database)
        let counts = results.map(\.counts).reduce(TestCounts(passed: 0, failures: 0, errors: 0, skipped: 0), +)
        let coverageFiles = try report.map { try writeCoverage($0, to: request.coverageDirectory ?? "") } ?? []
        return TestRunResult(
            migration: migration, suites: results,
            reportFiles: files.map { DisplayPath.relative($0, to: invocation.currentDirectory) }, counts: counts,
            jobs: jobs, emulation: database.dialect.emulatesRedshift ? dialectProperty(database) : nil,
            routineFindings: routines.findings, coverage: report, coverageFiles: coverageFiles)
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
            objects: migratorOptions.s3Objects?.source, staging: s3Staging)
    }
}
