import Diagnostics
import Foundation
import JUnitReport
import Migrator
import SpecRunner
import Specs
import TestResults

/// What `slipway test` was asked to do beyond migrating.
public struct TestRequest: Sendable {
    /// The folder of spec files, relative to the working directory.
    public var specDirectory: String
    /// Where the JUnit XML reports go, relative to the working directory.
    public var reportDirectory: String
    public var filter: [String]

    public init(specDirectory: String, reportDirectory: String, filter: [String]) {
        self.specDirectory = specDirectory
        self.reportDirectory = reportDirectory
        self.filter = filter
    }
}

/// What `slipway test` did.
public struct TestRunResult: Sendable {
    public var migration: MigrateResult
    public var suites: [SuiteResult]
    public var reportFiles: [String]
    public var counts: TestCounts
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
        let suites = try SpecLoader.discover(directory: request.specDirectory)
        let discovered = try discover()
        discovered.warnings.forEach { migrationEvents(.warning($0)) }
        // Before migrating: a run whose reports cannot be written must not change the database first.
        try JUnitXMLWriter.prepare(absolute(request.reportDirectory))
        return try withDatabase { database in
            let migrator = migrator(database, events: migrationEvents)
            let migration = try migrator.migrate(discovered)
            let runner = SpecRunner(
                connection: database.connection, dialect: database.dialect, s3: s3Fixtures,
                isInterrupted: { [interruption] in interruption.isInterrupted }, events: testEvents)
            try migrator.runCallbacks(.beforeTest, from: discovered)
            let results = try runner.run(suites, filter: TestFilter(request.filter))
            try migrator.runCallbacks(.afterTest, from: discovered)
            let files = try JUnitXMLWriter.write(
                results, to: absolute(request.reportDirectory), properties: [("dialect", database.dialect.kind.rawValue)])
            let counts = results.map(\.counts).reduce(TestCounts(passed: 0, failures: 0, errors: 0, skipped: 0), +)
            return TestRunResult(migration: migration, suites: results, reportFiles: files.map { DisplayPath.relative($0, to: invocation.currentDirectory) }, counts: counts)
        }
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
            bucket: settings.testDataS3Bucket ?? invocation.environment["TEST_DATA_S3_BUCKET"])
    }
}
