import Foundation
import Testing
import TestSupport

/// `slipway test` tells the whole story: in its reports when it stops early, in its exit code when nothing was
/// selected, and on the console even with `--quiet`.
@Suite struct TestRunReportTests {
    static let reportDirectory = "target/slipway-reports"

    static func reports(_ project: ExampleProject) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: project.directory + "/" + reportDirectory).sorted()
    }

    @Test("a failed migration writes a report with an errored case carrying the diagnostic, and removes the previous run's reports")
    func failedMigrationReport() throws {
        let project = try ExampleProject(.postgresql)
        #expect(try project.run(["test"]).status == 0)
        try project.write(Self.reportDirectory + "/TEST-other-tool.xml", "<testsuite name=\"other\" tests=\"0\"/>\n")
        try project.write("db/migration/V1_0_3__Bad.sql", "CREATE TABLE t (id int);\nINSERT INTO missing_table SELECT 1;\n")
        let run = try project.run(["test"])
        #expect(run.status == 3, "\(run.output)")
        // The suites' reports of the passing run are gone: they would say the tests passed against this code.
        #expect(try Self.reports(project) == ["TEST-other-tool.xml", "TEST-slipway.xml"])
        let path = project.directory + "/" + Self.reportDirectory + "/TEST-slipway.xml"
        try ReportChecks.validate(path)
        let report = try project.read(Self.reportDirectory + "/TEST-slipway.xml")
        #expect(try ReportChecks.testCases(report) == ["migrate": "error"])
        #expect(report.contains("message=\"db/migration/V1_0_3__Bad.sql:2:13: relation &quot;missing_table&quot; does not exist\""), "\(report)")
        #expect(report.contains("type=\"42P01\""), "\(report)")
        #expect(report.contains("not applied: V1_0_3__Bad.sql"), "\(report)")
    }

    @Test("an interrupt or a lost connection during the migrate phase of slipway test writes a report saying so",
          arguments: [(true, Int32(130), "canceling statement due to user request"), (false, 5, "connection to the database was lost")])
    func stoppedMigrationReport(interrupt: Bool, status: Int32, reason: String) throws {
        let project = try ExampleProject(.postgresql)
        let database = try ScratchDatabase()
        let slow = SlowMigration()
        try slow.write(into: project)
        let running = try CLI.start(["test", "--url", database.url, "--placeholder", "pause=3600"], in: project.directory)
        var backend: String?
        try waitUntil("slipway runs the slow statement", while: running) {
            backend = try database.slipwayBackend(running: slow.marker)
            return backend != nil
        }
        if interrupt { running.signal(SIGINT) } else { _ = try database.rows("SELECT pg_terminate_backend(\(backend ?? "0"))") }
        let run = try running.wait()
        #expect(run.status == status, "\(run.output)")
        let report = try project.read(Self.reportDirectory + "/TEST-slipway.xml")
        #expect(try ReportChecks.testCases(report) == ["migrate": "error"])
        #expect(report.contains("db/migration/V9__Slow.sql:2:"), "\(report)")
        #expect(report.contains(reason), "\(report)")
        #expect(report.contains("interrupted (SIGINT or SIGTERM)") == interrupt, "\(report)")
    }

    @Test("a bad spec writes a report naming its file and line, and exits 4")
    func badSpecReport() throws {
        let project = try ExampleProject(.postgresql)
        try project.write("spec/broken.yml", "tests:\n  - name: no checks\n    then: 12\n")
        let run = try project.run(["test"])
        #expect(run.status == 4, "\(run.output)")
        let report = try project.read(Self.reportDirectory + "/TEST-slipway.xml")
        #expect(try ReportChecks.testCases(report) == ["check the input": "error"])
        #expect(report.contains("spec/broken.yml:3:"), "\(report)")
    }

    @Test("selecting no test fails with its own message and exit 4, unless --allow-empty", arguments: [
        (["--filter", "no_such_test"], "--filter no_such_test matches none of the 7 tests in 3 suites"),
        (["--specs", "empty"], "the spec folder 'empty' holds no spec files"),
        (["--shard", "4/4"], "shard 4/4 has none of the 3 selected suites"),
    ])
    func emptySelection(arguments: [String], message: String) throws {
        let project = try ExampleProject(.postgresql)
        try FileManager.default.createDirectory(atPath: project.directory + "/empty", withIntermediateDirectories: true)
        let run = try project.run(["test"] + arguments)
        #expect(run.status == 4, "\(run.output)")
        #expect(run.stderr.contains("error: no tests to run: \(message)"), "\(run.stderr)")
        #expect(run.stderr.contains("--allow-empty"), "\(run.stderr)")
        #expect(try ReportChecks.testCases(try project.read(Self.reportDirectory + "/TEST-slipway.xml")) == ["select tests": "error"])
        let allowed = try project.run(["test", "--allow-empty"] + arguments)
        #expect(allowed.status == 0, "\(allowed.output)")
        #expect(allowed.stdout.contains("Tests: 0 passed, 0 failed, 0 errored, 0 skipped (0 suites,"), "\(allowed.stdout)")
    }

    @Test("the example's three suites over three shards: every shard runs one suite, and keeps the others' reports")
    func everyShardRuns() throws {
        let project = try ExampleProject(.postgresql)
        for index in 1...3 {
            let run = try project.run(["test", "--shard", "\(index)/3"])
            #expect(run.status == 0, "\(run.output)")
            #expect(run.stdout.contains("(1 suite,"), "\(run.stdout)")
            #expect(try Self.reports(project).count == index)
        }
        #expect(try Self.reports(project) == ["TEST-gen_orders.xml", "TEST-merge_staged_products.xml", "TEST-schema.xml"])
    }

    @Test("over 500 test cases in a run: a warning with the count and what to do", arguments: [500, 501])
    func codeBuildLimit(tests: Int) throws {
        let project = try ExampleProject(.postgresql)
        try FileManager.default.createDirectory(atPath: project.directory + "/many", withIntermediateDirectories: true)
        let cases = (1...tests).map { "  - name: t\($0)\n    then:\n      - query: SELECT 1\n        equals: 1\n" }
        try project.write("many/many.yml", "tests:\n" + cases.joined())
        let run = try project.run(["test", "--specs", "many", "--quiet"])
        #expect(run.status == 0, "\(run.output)")
        let warned = run.stderr.contains("warning: this run reports \(tests) test cases; an AWS CodeBuild report keeps at most 500")
        #expect(warned == (tests > 500), "\(run.stderr)")
        if tests > 500 { #expect(run.stderr.contains("--shard I/N"), "\(run.stderr)") }
    }

    @Test("--quiet still prints each failure with have/want and its check's description, and the run ends with the failed tests at their lines")
    func quietFailures() throws {
        let project = try ExampleProject(.postgresql)
        // A procedure that does nothing: all three merge tests fail.
        try project.write("db/migration/R__merge_staged_products.sql", """
            create or replace procedure merge_staged_products() as $$ begin null; end; $$ LANGUAGE plpgsql;
            """)
        let run = try project.run(["test", "--quiet"])
        #expect(run.status == 1, "\(run.output)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "merge_staged_products (spec/merge_staged_products.yml)", "\(run.stdout)")
        #expect(!run.stdout.contains("✓"), "\(run.stdout)")
        #expect(lines.contains { $0.hasPrefix("  ✗ close_date is set on every retired product (") }, "\(run.stdout)")
        #expect(lines.contains("      check: Widget and Gizmo were ACTIVE and staged again"), "\(run.stdout)")
        #expect(lines.contains("      have: 0") && lines.contains("      want: 2"), "\(run.stdout)")
        let list = try #require(lines.firstIndex(of: "Failed tests (3):"), "\(run.stdout)")
        #expect(Array(lines[(list + 1)...].prefix(3)) == [
            "  ✗ spec/merge_staged_products.yml:15: merge_staged_products › closed count equals the staged duplicates",
            "  ✗ spec/merge_staged_products.yml:30: merge_staged_products › close_date is set on every retired product",
            "  ✗ spec/merge_staged_products.yml:38: merge_staged_products › staging table is empty after the merge",
        ])
        #expect(lines.last?.hasPrefix("Tests: 4 passed, 3 failed, 0 errored, 0 skipped (3 suites,") == true, "\(run.stdout)")
    }

    @Test("test --verbose and migrate --verbose print the database line before the first migration")
    func databaseLineFirst() throws {
        let project = try ExampleProject(.postgresql)
        let slow = SlowMigration()
        try slow.write(into: project)
        for command in ["migrate", "test"] {
            let fresh = try ScratchDatabase()
            let running = try CLI.start(
                [command, "--url", fresh.url, "--placeholder", "pause=3600", "--verbose"], in: project.directory)
            try waitUntil("\(command) runs the slow statement", while: running) { try fresh.slipwayBackend(running: slow.marker) != nil }
            // The migration is still running, so the line came before it finished.
            #expect(running.stderrSoFar.contains("database: "), "\(command): \(running.stderrSoFar)")
            running.signal(SIGINT)
            _ = try running.wait()
        }
    }
}
