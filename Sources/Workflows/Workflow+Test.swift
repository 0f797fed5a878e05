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
    /// A run that selects no test passes instead of failing (`--allow-empty`).
    public var allowEmpty: Bool

    public init(
        specDirectory: String, reportDirectory: String, filter: [String], jobs: Int? = nil, shard: SuiteShard? = nil,
        coverageDirectory: String? = nil, allowEmpty: Bool = false
    ) {
        self.specDirectory = specDirectory
        self.reportDirectory = reportDirectory
        self.filter = filter
        self.jobs = jobs
        self.shard = shard
        self.coverageDirectory = coverageDirectory
        self.allowEmpty = allowEmpty
    }
}

/// What `slipway test` did.
public struct TestRunResult: Sendable {
    public var migration: MigrateResult
    /// Each test with the line of its spec file (``TestCaseResult/line``).
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

/// How far a test run got: the name of the errored case in the report of a run that stopped there.
enum TestRunStage: String {
    case connect
    case input = "check the input"
    case migrate
    case beforeTest = "beforeTest callbacks"
    case afterTest = "afterTest callbacks"
}

extension Workflow {
    /// AWS CodeBuild keeps at most this many test cases per report (one report per report group and build); it
    /// drops the rest, passed ones first.
    public static let codeBuildCaseLimit = 500

    /// Checks the specs and the report directory, migrates, runs the tests and writes the reports, in that order: a
    /// bad spec, an unwritable report directory or a failed migration stops the run before any test runs.
    ///
    /// Reports a previous run left in the report directory are removed first. A run that stops (a bad spec, no
    /// test selected, no connection, a failed migration, a lost connection, an interrupt) still leaves reports:
    /// those of the suites that finished, and one with an errored case carrying the diagnostic, so that CI shows
    /// the failure where it shows tests.
    public func test(
        _ request: TestRequest,
        migrationEvents: @escaping (MigrationEvent) -> Void,
        testEvents: @escaping (TestEvent) -> Void
    ) throws -> TestRunResult {
        // Relative paths stay relative so that every location in a report reads as it does in the repository.
        let specDirectory = request.specDirectory
        let specs = Concurrently { try SpecLoader.discoverProject(directory: specDirectory) }
        // How far the run got, to name the errored case of a run that stops; nil once its reports are written.
        var stage: TestRunStage? = .connect
        // Other shards' reports, which this shard's must not remove.
        var keeping: Set<String> = []
        do {
            return try withDiscoveryAndDatabase { discovered, database in
                stage = .input
                // Specs first, then the report directory: a run that cannot test must not change the database.
                let project = try specs.value()
                let selection = try TestSelection(
                    project.suites, filter: TestFilter(request.filter), shard: request.shard,
                    specDirectory: specDirectory, allowEmpty: request.allowEmpty, shared: project.shared)
                discovered.warnings.forEach { migrationEvents(.warning($0)) }
                keeping = selection.otherShardsReportNames
                try prepareReports(request, keeping: keeping)
                stage = .migrate
                return try test(selection, request, discovered, database, migrationEvents, testEvents, stage: &stage)
            }
        } catch {
            // A bad spec is reported before a bad migration file or an unreachable database.
            var stop = error
            do { _ = try specs.value() } catch { stop = error }
            if let stage, (try? prepareReports(request, keeping: keeping)) != nil {
                _ = try? writeReports([stopReport(stop, stage: stage)], fileNames: ["TEST-slipway.xml"], request, dialect: nil)
            }
            throw stop
        }
    }

    private func test(
        _ selection: TestSelection, _ request: TestRequest, _ discovered: DiscoveredMigrations,
        _ database: OpenedDatabase, _ migrationEvents: @escaping (MigrationEvent) -> Void,
        _ testEvents: @escaping (TestEvent) -> Void, stage: inout TestRunStage?
    ) throws -> TestRunResult {
        let migrator = migrator(database, events: migrationEvents)
        let migration = try migrator.migrate(discovered)
        var jobs = workers(request.jobs, suites: selection.suites.count, database: database, events: testEvents)
        stage = .beforeTest
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
            results = selection.located(try runDataMigrationSuites(
                selection.suites,
                after: runSuites(selection, jobs: jobs, on: database, events: testEvents, finished: coverage ? { names in
                    report = try self.coverage(routines, database, workerDatabases: names, warn: { testEvents(.warning($0)) })
                } : nil),
                filter: selection.filter, discovered: discovered, on: database, events: testEvents))
        } catch let stopped as RunStopped {
            // A lost connection or an interrupt: the reports say what finished and where it stopped.
            stage = nil
            _ = try? writeReports(selection.located(stopped.results), selection, request, database)
            throw stopped.cause
        }
        do {
            try migrator.runCallbacks(.afterTest, from: discovered)
        } catch {
            stage = nil
            _ = try? writeReports(results, selection, request, database, stop: stopReport(error, stage: .afterTest))
            throw error
        }
        let counts = results.map(\.counts).reduce(TestCounts(), +)
        if counts.tests > Self.codeBuildCaseLimit { testEvents(.warning(Self.tooManyCases(counts.tests))) }
        let files = try writeReports(results, selection, request, database)
        let coverageFiles = try report.map { try writeCoverage($0, to: request.coverageDirectory ?? "") } ?? []
        stage = nil
        return TestRunResult(
            migration: migration, suites: results,
            reportFiles: files.map { DisplayPath.relative($0, to: invocation.currentDirectory) }, counts: counts,
            jobs: jobs, emulation: database.dialect.emulatesRedshift ? dialectProperty(database) : nil,
            routineFindings: routines.findings, coverage: report, coverageFiles: coverageFiles)
    }

    /// Creates the report directory and empties it of a previous run's reports but those named in `keeping`.
    private func prepareReports(_ request: TestRequest, keeping: Set<String>) throws(Diagnostic) {
        let directory = absolute(request.reportDirectory)
        try JUnitXMLWriter.prepare(directory)
        JUnitXMLWriter.removePreviousReports(in: directory, keeping: keeping)
    }

    /// The suites' reports, and `stop`'s (the run's own errored case) when the run stopped after its tests.
    private func writeReports(
        _ results: [SuiteResult], _ selection: TestSelection, _ request: TestRequest, _ database: OpenedDatabase,
        stop: SuiteResult? = nil
    ) throws -> [String] {
        // Named by suite, so a partial run's reports keep the names a whole run gives them.
        let names = Dictionary(zip(selection.suites.map(\.name), selection.reportNames)) { first, _ in first }
        var fileNames = results.map { names[$0.name] ?? "TEST-\($0.name).xml" }
        if stop != nil {
            fileNames.append(ReportFileNames.assign(selection.suites.map(\.name) + ["slipway"]).last ?? "TEST-slipway.xml")
        }
        return try writeReports(results + [stop].compactMap { $0 }, fileNames: fileNames, request, dialect: database)
    }

    private func writeReports(
        _ results: [SuiteResult], fileNames: [String], _ request: TestRequest, dialect database: OpenedDatabase?
    ) throws -> [String] {
        return try JUnitXMLWriter.write(
            results, fileNames: fileNames, to: absolute(request.reportDirectory),
            properties: database.map { [("dialect", dialectProperty($0))] } ?? [],
            redacting: { [reportRedactor] in reportRedactor.redact($0) })
    }

    /// The report of a run that stopped on `error` outside a test: suite `slipway` with one errored case named
    /// after the step that failed, whose message is the first error and whose body is every diagnostic in full.
    func stopReport(_ error: any Error, stage: TestRunStage) -> SuiteResult {
        var diagnostics: [Diagnostic] = switch error {
        case let diagnostic as Diagnostic: [diagnostic]
        case let list as DiagnosticList: list.diagnostics
        default: [Diagnostic(category: .input, message: String(describing: error))]
        }
        diagnostics = diagnostics.map(relativeToWorkingDirectory)
        if interruption.isInterrupted {
            diagnostics.append(Diagnostic(category: .migration, code: "interrupted", message: "interrupted (SIGINT or SIGTERM)"))
        }
        let first = diagnostics.first { $0.severity == .error } ?? diagnostics[0]
        let step = first.code == "no-tests" ? "select tests" : first.category == .input ? TestRunStage.input.rawValue : stage.rawValue
        let failure = TestFailure(
            message: [first.location?.description, first.message].compactMap { $0 }.joined(separator: ": "),
            type: first.code ?? first.category.rawValue,
            details: diagnostics.map(\.description).joined(separator: "\n\n"))
        return SuiteResult(
            name: "slipway", file: first.location?.file ?? "",
            tests: [TestCaseResult(name: step, suite: "slipway", duration: 0, outcome: .errored(failure))],
            duration: 0, timestamp: Date())
    }

    private static func tooManyCases(_ count: Int) -> Diagnostic {
        Diagnostic(
            .warning, category: .testsFailed, code: "codebuild-case-limit",
            message: "this run reports \(count) test cases; an AWS CodeBuild report keeps at most \(codeBuildCaseLimit) "
                + "and drops the rest (failed ones are kept first)",
            hint: "split the run so that each report stays within \(codeBuildCaseLimit): --shard I/N in a batch build "
                + "(each build has its own report), or several report groups, each reading the reports of a part of "
                + "the specs (--specs spec/part --report-dir target/part)")
    }

    /// The JUnit `dialect` property: `redshift (emulated on PostgreSQL 15.20)` when emulated, else the dialect.
    func dialectProperty(_ database: OpenedDatabase) -> String {
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
