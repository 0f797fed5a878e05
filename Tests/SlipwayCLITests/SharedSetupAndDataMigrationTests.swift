import Foundation
import Testing
import TestSupport

/// `spec/_setup.yml` (setup every suite shares) and data-migration specs (`migrate: {from, to}`), through the real
/// binary on the embedded server.
@Suite struct SharedSetupAndDataMigrationTests {
    /// A small PostgreSQL project: a `runs` table the shared setup counts itself in, and two versions of `orders`.
    static func project(shared: String?, specs: [String: String]) throws -> TemporaryDirectory {
        let project = try TemporaryDirectory()
        try project.write("slipway.toml", "[flyway]\nlocations = [\"filesystem:db/migration\"]\n")
        try project.write("db/migration/V1__Orders.sql", """
            CREATE TABLE runs (n INT);
            CREATE TABLE orders (id INT, quantity INT, unit_price NUMERIC(8,2));
            """)
        try project.write("db/migration/V2__Order_totals.sql", """
            ALTER TABLE orders ADD COLUMN total NUMERIC(10,2);
            UPDATE orders SET total = quantity * unit_price;
            """)
        if let shared { try project.write("spec/_setup.yml", shared) }
        for (name, text) in specs { try project.write("spec/\(name)", text) }
        return project
    }

    static func runsSuite(_ name: String, isolation: String = "transaction") -> String {
        """
        isolation: \(isolation)
        tests:
          - name: \(name) sees the shared setup
            then:
              - query: SELECT count(*) FROM runs
                equals: 1
        """
    }

    static let onceShared = """
        setup:
          - sql: INSERT INTO runs VALUES (1)
        teardown: DELETE FROM runs
        """

    @Test("a shared setup runs once per run, before every suite and every --jobs worker's copy", arguments: ["1", "2"])
    func oncePerRun(jobs: String) throws {
        let project = try Self.project(shared: Self.onceShared, specs: [
            "a.yml": Self.runsSuite("a", isolation: "none"), "b.yml": Self.runsSuite("b", isolation: "none"),
            "c.yml": Self.runsSuite("c"),
        ])
        let run = try CLI.run(["test", "--jobs", jobs], in: project.path)
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stdout.contains("3 passed, 0 failed"), "\(run.stdout)")
    }

    @Test("scope: suite runs the shared setup as part of each suite's own setup")
    func perSuite() throws {
        // With isolation none each suite keeps its row: the second suite sees two.
        let project = try Self.project(shared: "scope: suite\nsetup: INSERT INTO runs VALUES (1)\n", specs: [
            "a.yml": Self.runsSuite("a", isolation: "none"), "b.yml": Self.runsSuite("b", isolation: "none"),
        ])
        let run = try CLI.run(["test", "--jobs", "1"], in: project.path)
        #expect(run.status == 1, "\(run.output)")
        #expect(run.stdout.contains("1 passed, 1 failed"), "\(run.stdout)")
        #expect(run.stdout.contains("have: 2"), "\(run.stdout)")
    }

    @Test("a failing shared setup makes every test an error, in the console and the JUnit reports")
    func failingShared() throws {
        let project = try Self.project(shared: "setup:\n  - sql: INSERT INTO nowhere VALUES (1)\n", specs: [
            "a.yml": Self.runsSuite("a"), "b.yml": Self.runsSuite("b"),
        ])
        let run = try CLI.run(["test"], in: project.path)
        #expect(run.status == 1, "\(run.output)")
        #expect(run.stdout.contains("0 passed, 0 failed, 2 errored"), "\(run.stdout)")
        #expect(run.output.contains("spec/_setup.yml:2:10"), "\(run.output)")
        for suite in ["a", "b"] {
            let xml = try String(contentsOfFile: project.path + "/target/slipway-reports/TEST-\(suite).xml", encoding: .utf8)
            #expect(xml.contains("<error"), "\(xml)")
            #expect(xml.contains("42P01"), "\(xml)")
        }
    }

    static let totalsSpec = """
        migrate: { from: "1", to: "2" }
        setup:
          - load:
              table: orders
              columns: [id, quantity, unit_price]
              rows: [[1, 3, 2.50], [2, 0, 9.99]]
        tests:
          - name: V2 fills total from quantity and unit price
            then:
              - query: SELECT id, total FROM orders ORDER BY id
                rows: [[1, 7.50], [2, 0.00]]
        """

    @Test("a data-migration spec loads data at version A, migrates to B on a database of its own, and checks the data")
    func dataMigration() throws {
        let project = try Self.project(shared: Self.onceShared, specs: [
            "totals.yml": Self.totalsSpec,
            // The ordinary suite runs on the migrated database: it never sees the data-migration spec's rows.
            "plain.yml": """
                tests:
                  - name: orders are empty at the latest version
                    then:
                      - query: SELECT count(*) FROM orders
                        equals: 0
                      - query: SELECT count(*) FROM runs
                        equals: 1
                """,
        ])
        let run = try CLI.run(["test"], in: project.path)
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stdout.contains("2 passed, 0 failed"), "\(run.stdout)")
        #expect(FileManager.default.fileExists(atPath: project.path + "/target/slipway-reports/TEST-totals.xml"))
    }

    @Test("a value a data-migration spec's setup captures at the first version is bound in its tests")
    func captureAtFirstVersion() throws {
        let spec = Self.totalsSpec.replacingOccurrences(of: "\ntests:", with: """

              - capture: SELECT count(*) FROM orders
                as: [before]
            tests:
              - name: no order is lost
                then:
                  - query: SELECT count(*) = $before::int FROM orders WHERE total IS NOT NULL
                    equals: true
            """)
        let project = try Self.project(shared: nil, specs: ["totals.yml": spec])
        let run = try CLI.run(["test"], in: project.path)
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stdout.contains("2 passed, 0 failed"), "\(run.stdout)")
    }

    @Test("a data-migration spec fails when the migration does the wrong thing to the data")
    func dataMigrationFails() throws {
        let project = try Self.project(shared: nil, specs: ["totals.yml": Self.totalsSpec])
        try project.write("db/migration/V2__Order_totals.sql", """
            ALTER TABLE orders ADD COLUMN total NUMERIC(10,2);
            UPDATE orders SET total = unit_price;
            """)
        let run = try CLI.run(["test"], in: project.path)
        #expect(run.status == 1, "\(run.output)")
        #expect(run.stdout.contains("Results differ beginning at row 1"), "\(run.stdout)")
    }

    @Test("SIGINT during a data-migration spec's migration cancels it and exits 130, with the other suites' reports")
    func interruptDataMigration() throws {
        let marker = "slow_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let project = try Self.project(shared: nil, specs: ["totals.yml": Self.totalsSpec, "plain.yml": Self.runsSuite("plain")])
        try project.write("spec/plain.yml", "tests:\n  - name: plain\n    then:\n      - query: SELECT 1\n        equals: 1\n")
        // Slow only with the spec's rows: the run's own migration of the empty table goes straight through.
        try project.write("db/migration/V2__Order_totals.sql", """
            ALTER TABLE orders ADD COLUMN total NUMERIC(10,2);
            SELECT pg_sleep(CASE WHEN EXISTS (SELECT FROM orders) THEN 3600 ELSE 0 END) AS \(marker);
            """)
        let running = try CLI.start(["test", "--jobs", "1"], in: project.path)
        try waitUntil("the data-migration spec's migration runs", while: running) {
            EmbeddedRuns.directory(running: marker) != nil
        }
        running.signal(SIGINT)
        // Bounded so that a statement left running fails the test instead of hanging the suite.
        try waitUntil("slipway stops", while: nil, limit: .seconds(60)) { !running.process.isRunning }
        let run = try running.wait()
        #expect(run.status == 130, "\(run.output)")
        #expect(run.stderr.contains("canceling statement due to user request"), "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: project.path + "/target/slipway-reports/TEST-plain.xml"))
    }

    @Test("a data-migration spec naming a version no migration has errors its tests, listing the versions there are")
    func unknownVersion() throws {
        let project = try Self.project(shared: nil, specs: ["totals.yml": Self.totalsSpec.replacingOccurrences(of: "to: \"2\"", with: "to: \"3\"")])
        let run = try CLI.run(["test"], in: project.path)
        #expect(run.status == 1, "\(run.output)")
        #expect(run.stdout.contains("no versioned migration has version 3"), "\(run.stdout)")
        #expect(run.stdout.contains("at: spec/totals.yml:1:1"), "\(run.stdout)")
        #expect(run.stdout.contains("hint: name one of the versions in the migration locations: 1, 2"), "\(run.stdout)")
    }

    @Test("a migration that fails on a data-migration spec's data makes its tests errors that carry the migration's diagnostic")
    func dataMigrationBroken() throws {
        // It fails only with the spec's data (a NULL quantity), so the run's own migration succeeds.
        let spec = Self.totalsSpec.replacingOccurrences(of: "[2, 0, 9.99]", with: "[2, null, 9.99]")
        let project = try Self.project(shared: nil, specs: ["totals.yml": spec])
        try project.write("db/migration/V2__Order_totals.sql", "ALTER TABLE orders ADD COLUMN total NUMERIC(10,2);\nALTER TABLE orders ALTER COLUMN quantity SET NOT NULL;\n")
        let run = try CLI.run(["test"], in: project.path)
        #expect(run.status == 1, "\(run.output)")
        #expect(run.stdout.contains("0 passed, 0 failed, 1 errored"), "\(run.stdout)")
        let xml = try String(contentsOfFile: project.path + "/target/slipway-reports/TEST-totals.xml", encoding: .utf8)
        #expect(xml.contains("to version 2 failed"), "\(xml)")
        #expect(xml.contains("V2__Order_totals.sql:2"), "\(xml)")
    }
}
