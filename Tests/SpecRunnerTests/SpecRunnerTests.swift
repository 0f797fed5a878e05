import Dialect
import PostgresClient
import SpecRunner
import Specs
import TestResults
import Testing
import TestSupport

/// Runs spec text on a fresh database holding `schema`, returning the one suite's results.
func run(
    _ yaml: String, schema: String = "CREATE TABLE items (id INT, name TEXT, price NUMERIC(8,2))",
    dialect: Dialect = .postgresql, filter: [String] = [], s3: S3Fixtures = S3Fixtures(),
    events: @escaping (TestEvent) -> Void = { _ in }
) throws -> (SuiteResult, Connection) {
    let connection = try TestServer.connect(database: TestServer.createDatabase())
    try connection.execute(schema)
    let suite = try SpecLoader.load(text: yaml, file: "spec/t.yml")
    let results = try SpecRunner(connection: connection, dialect: dialect, s3: s3, events: events)
        .run([suite], filter: TestFilter(filter))
    return (try #require(results.first), connection)
}

func outcome(_ result: SuiteResult, _ name: String) -> Outcome? {
    result.reportedTests.first { $0.name == name }?.outcome
}

func failure(_ outcome: Outcome?) -> TestFailure? {
    switch outcome {
    case .failed(let failure), .errored(let failure): return failure
    default: return nil
    }
}

@Suite struct AssertionKindTests {
    static let fixture = """
        before_each:
          - load:
              table: items
              columns: [id, name, price]
              rows: [[1, apple, 1.50], [2, pear, 2.00], [3, ~, 0.10]]
        tests:

        """

    /// Each assertion, written once to hold and once not to.
    @Test("each assertion kind passes when it holds and fails with have/want when it does not", arguments: [
        ("query: SELECT name FROM items WHERE id = 1\n    equals: apple", "query: SELECT name FROM items WHERE id = 1\n    equals: pear", "want: pear"),
        ("query: SELECT id, name FROM items ORDER BY id\n    rows: [[1, apple], [2, pear], [3, null]]", "query: SELECT id, name FROM items ORDER BY id\n    rows: [[1, apple], [3, null], [2, pear]]", "Results differ beginning at row 2"),
        ("query: SELECT id FROM items\n    rows_any_order: [3, 1, 2]", "query: SELECT id FROM items\n    rows_any_order: [3, 1, 1]", "Missing records:"),
        ("query: SELECT 1 FROM items\n    rows_as_set: [1]", "query: SELECT 1 FROM items\n    rows_as_set: [2]", "Extra records:"),
        ("query: SELECT * FROM items\n    count: 3", "query: SELECT * FROM items\n    count: 4", "have 3, want 4"),
        ("query: SELECT * FROM items WHERE id > 9\n    empty: true", "query: SELECT * FROM items\n    empty: true", "(1,apple,1.50)"),
        ("query: SELECT * FROM items\n    not_empty: true", "query: SELECT * FROM items WHERE id > 9\n    not_empty: true", "have none"),
        ("query: SELECT name FROM items WHERE id = 3\n    is_null: true", "query: SELECT name FROM items WHERE id = 1\n    is_null: true", "apple"),
        ("query: SELECT name FROM items WHERE id = 1\n    not_null: true", "query: SELECT name FROM items WHERE id = 3\n    not_null: true", "NULL"),
        ("query: SELECT id FROM items ORDER BY id\n    same_rows_as: SELECT generate_series(1, 3)", "query: SELECT id FROM items ORDER BY id\n    same_rows_as: SELECT generate_series(1, 4)", "Number of rows differ"),
        ("query: SELECT id FROM items\n    same_rows_any_order_as: SELECT generate_series(3, 1, -1)", "query: SELECT id FROM items\n    same_rows_any_order_as: SELECT 7", "Missing records:"),
        ("sql: INSERT INTO nowhere VALUES (1)\n    fails: { sqlstate: 42P01, message: \"does not exist\" }", "sql: INSERT INTO items (id) VALUES (9)\n    fails: { sqlstate: 42P01 }", "no error"),
        ("sql: INSERT INTO items (id) VALUES (9)\n    succeeds: true", "sql: INSERT INTO nowhere VALUES (1)\n    succeeds: true", "42P01"),
        ("table_exists: public.items", "table_exists: nothing_here", "does not exist"),
        ("column_exists: items.price", "column_exists: items.cost", "does not exist"),
    ])
    func kinds(holds: String, fails: String, shown: String) throws {
        func test(_ name: String, _ assertion: String) -> String {
            "  - name: \(name)\n    then:\n      - \(assertion.replacingOccurrences(of: "\n    ", with: "\n        "))\n"
        }
        let yaml = Self.fixture + test("holds", holds) + test("fails", fails)
        let (result, _) = try run(yaml)
        #expect(outcome(result, "holds") == .passed)
        let failed = try #require(failure(outcome(result, "fails")), "the assertion that does not hold must fail")
        if case .failed = outcome(result, "fails") {} else { Issue.record("want failed, have \(String(describing: outcome(result, "fails")))") }
        #expect(failed.details.contains(shown), "\(failed.details)")
    }

    @Test("procedures and functions are found in the catalog")
    func routines() throws {
        let schema = """
            CREATE TABLE items (id INT);
            CREATE PROCEDURE p() LANGUAGE sql AS 'SELECT 1';
            CREATE FUNCTION f() RETURNS INT LANGUAGE sql AS 'SELECT 1'
            """
        let (result, _) = try run("""
            tests:
              - name: found
                then: [{procedure_exists: p}, {function_exists: public.f}]
              - name: wrong kind
                then: [{procedure_exists: f}]
            """, schema: schema)
        #expect(outcome(result, "found") == .passed)
        #expect(failure(outcome(result, "wrong kind"))?.message == "procedure f does not exist")
    }
}

@Suite struct IsolationTests {
    /// With savepoints (PostgreSQL) the whole suite is rolled back; without them (Redshift) setup commits and only
    /// each test is rolled back, so the suite's teardown is what cleans up there.
    @Test("each test's changes are rolled back", arguments: [(Dialect.postgresql, "0"), (.redshift, "1")])
    func rolledBack(dialect: Dialect, rowsLeft: String) throws {
        let (result, connection) = try run("""
            setup:
              - sql: INSERT INTO items (id) VALUES (100)
            tests:
              - name: first adds a row
                when: INSERT INTO items (id) VALUES (1)
                then: [{query: SELECT count(*) FROM items, equals: 2}]
              - name: second does not see it
                then: [{query: SELECT count(*) FROM items, equals: 1}]
            """, dialect: dialect)
        #expect(result.reportedTests.map(\.outcome) == [.passed, .passed])
        #expect(try connection.execute("SELECT count(*) FROM items").rows == [[rowsLeft]])
    }

    @Test("isolation none keeps what the tests commit")
    func none() throws {
        let (result, connection) = try run("""
            isolation: none
            tests:
              - name: adds a row
                when: INSERT INTO items (id) VALUES (1)
              - name: sees it
                then: [{query: SELECT count(*) FROM items, equals: 1}]
            """)
        #expect(result.reportedTests.map(\.outcome) == [.passed, .passed])
        #expect(try connection.execute("SELECT count(*) FROM items").rows == [["1"]])
    }

    @Test("an expected failure keeps the test's transaction usable")
    func expectedFailureThenMore() throws {
        let (result, _) = try run("""
            tests:
              - name: goes on after an expected error
                when: INSERT INTO items (id) VALUES (1)
                then:
                  - sql: SELECT 1/0
                    fails: { sqlstate: "22012" }
                  - query: SELECT count(*) FROM items
                    equals: 1
            """)
        #expect(result.reportedTests.map(\.outcome) == [.passed])
    }
}

@Suite struct RunControlTests {
    @Test("a SQL error is an error of that test with SQLSTATE, statement and location; the others still run")
    func sqlError() throws {
        let (result, _) = try run("""
            tests:
              - name: broken
                when: INSERT INTO missing_table VALUES (1)
              - name: fine
                then: [{query: SELECT 1, equals: 1}]
            """)
        guard case .errored(let failure) = outcome(result, "broken") else {
            Issue.record("want errored, have \(String(describing: outcome(result, "broken")))")
            return
        }
        #expect(failure.type == "SQLSTATE 42P01")
        #expect(failure.message == "42P01: relation \"missing_table\" does not exist")
        #expect(failure.details.contains("sql: INSERT INTO missing_table VALUES (1)"))
        #expect(failure.details.contains("at: spec/t.yml:3:11"))
        #expect(outcome(result, "fine") == .passed)
    }

    @Test("a failing setup makes every test an error")
    func setupFails() throws {
        let (result, _) = try run("""
            setup:
              - sql: SELECT * FROM nope
            tests:
              - name: a
                then: [{query: SELECT 1, equals: 1}]
              - name: b
                then: [{query: SELECT 1, equals: 1}]
            """)
        #expect(result.counts.errors == 2)
        #expect(result.setupError?.type == "SQLSTATE 42P01")
        // Tests that never ran are not passed, whoever reads them (events, the suite's own list).
        #expect(!result.tests.contains { $0.outcome == .passed })
    }

    @Test("a failing teardown is one errored case of its own; the tests that passed stay passed")
    func teardownFails() throws {
        let (result, _) = try run("""
            teardown:
              - sql: DROP TABLE nope
            tests:
              - name: a
                then: [{query: SELECT 1, equals: 1}]
              - name: b
                then: [{query: SELECT 1, equals: 2}]
            """)
        #expect(result.setupError == nil)
        #expect(result.teardownError?.type == "SQLSTATE 42P01")
        #expect(result.reportedTests.map(\.name) == ["a", "b", SuiteResult.teardownTestName])
        #expect(outcome(result, "a") == .passed)
        #expect(result.counts.passed == 1)
        #expect(result.counts.failures == 1)
        #expect(result.counts.errors == 1)
    }

    @Test("skip and filter select what runs")
    func skipAndFilter() throws {
        let (result, _) = try run("""
            tests:
              - name: skipped one
                skip: not ready
                then: [{query: SELECT 1, equals: 1}]
              - name: chosen
                tags: [fast]
                then: [{query: SELECT 1, equals: 1}]
              - name: left out
                then: [{query: SELECT 1, equals: 1}]
            """, filter: ["tag:fast", "skipped"])
        #expect(result.reportedTests.map(\.name) == ["skipped one", "chosen"])
        #expect(result.reportedTests.map(\.outcome) == [.skipped("not ready"), .passed])
    }
}

@Suite struct FixtureLoadingTests {
    @Test("table names are quoted identifiers: o'brien and Mixed Case load, schema.table is accepted, SQL is not run",
          arguments: [Dialect.postgresql, .redshift])
    func tableNames(dialect: Dialect) throws {
        let (result, connection) = try run("""
            isolation: none
            setup:
              - load: {table: "o'brien", columns: [id], rows: [[1]]}
              - load: {table: "other.Mixed Case", columns: [id], rows: [[2]]}
              - load: {table: "items; DROP TABLE items", columns: [id], rows: [[3]]}
            tests:
              - name: loaded
                then: [{query: SELECT 1, equals: 1}]
            """, schema: "CREATE TABLE items (id int); CREATE TABLE \"o'brien\" (id int); CREATE SCHEMA other; "
                + "CREATE TABLE other.\"Mixed Case\" (id int)", dialect: dialect)
        #expect(try connection.execute("SELECT id FROM \"o'brien\" UNION ALL SELECT id FROM other.\"Mixed Case\"").rows
            == [["1"], ["2"]])
        // The crafted name is one (missing) table's name: the setup fails and items is still there.
        #expect(result.setupError?.message.contains("relation \"items; DROP TABLE items\" does not exist") == true,
                "\(String(describing: result.setupError))")
        #expect(try connection.execute("SELECT to_regclass('items') IS NOT NULL").rows == [["t"]])
    }

    /// Values that break naive quoting, in both loaders: COPY (PostgreSQL) and bound INSERTs (Redshift).
    @Test("tricky values arrive exactly, NULL and empty string stay apart", arguments: [Dialect.postgresql, .redshift])
    func trickyValues(dialect: Dialect) throws {
        let values: [String?] = [
            "it's", "back\\slash", "$$dollar$$", "line\nbreak", "tab\there", "ünïcødé ✓", "", nil, "\"quoted\"",
            "comma, inside", "\\N", "\\.",
        ]
        let rows = values.enumerated().map { index, value in
            "[\(index), \(value.map { "\"\($0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\t", with: "\\t"))\"" } ?? "null")]"
        }
        let (result, connection) = try run("""
            isolation: none
            setup:
              - load:
                  table: items
                  columns: [id, name]
                  rows: [\(rows.joined(separator: ", "))]
            tests:
              - name: loaded
                then: [{query: SELECT 1, equals: 1}]
            """, dialect: dialect)
        #expect(result.reportedTests.map(\.outcome) == [.passed])
        let loaded = try connection.execute("SELECT name FROM items ORDER BY id").rows.map { $0[0] }
        #expect(loaded == values)
    }

    @Test("more rows than one INSERT batch holds all arrive")
    func batches() throws {
        let rows = (1...2_500).map { "[\($0), n\($0)]" }.joined(separator: ", ")
        let (_, connection) = try run("""
            isolation: none
            setup:
              - load: {table: items, columns: [id, name], rows: [\(rows)]}
            tests:
              - name: loaded
                then: [{query: SELECT 1, equals: 1}]
            """, dialect: .redshift)
        #expect(try connection.execute("SELECT count(*), sum(id) FROM items").rows == [["2500", "3126250"]])
    }
}
