import Dialect
import Diagnostics
@testable import SpecRunner
import Specs
import Synchronization
import TestResults
import Testing

/// Redshift's behaviours forced on PostgreSQL (`--dialect redshift`): INSERT fixtures, no savepoints, and
/// what Slipway says where that changes a suite's meaning.
@Suite struct RedshiftBehaviourTests {
    static let forced = Dialect(kind: .redshift, server: .postgresql)

    @Test("INSERT batches stop at the row limit, the parameter limit and the byte budget")
    func batching() {
        let rows: [[String?]] = Array(repeating: ["abcd", nil], count: 10)
        #expect(InsertBatches.split(rows, width: 2, maxParameters: 6, maxBytes: 1_000) == [0..<3, 3..<6, 6..<9, 9..<10])
        #expect(InsertBatches.split(rows, width: 2, maxParameters: 1_000, maxBytes: 10) == [0..<2, 2..<4, 4..<6, 6..<8, 8..<10])
        let big: [[String?]] = [["x"], [String(repeating: "y", count: 50)], ["z"]]
        #expect(InsertBatches.split(big, width: 1, maxParameters: 100, maxBytes: 20) == [0..<1, 1..<2, 2..<3])
        #expect(InsertBatches.split(Array(repeating: ["1"], count: 2_500), width: 1, maxParameters: 32_767, maxBytes: 1 << 22)
            == [0..<1_000, 1_000..<2_000, 2_000..<2_500])
        #expect(InsertBatches.split([], width: 3, maxParameters: 10, maxBytes: 10).isEmpty)
    }

    @Test("fixtures load with INSERTs and each test is its own transaction")
    func insertFixtures() throws {
        let (result, connection) = try run("""
            before_each:
              - load: {table: items, columns: [id, name], rows: [[1, "it's"], [2, ~]]}
            tests:
              - name: loaded
                then: [{query: SELECT count(*) FROM items WHERE name IS NULL OR name = 'it''s', equals: 2}]
              - name: rolled back in between
                then: [{query: SELECT count(*) FROM items, equals: 2}]
            """, dialect: Self.forced)
        #expect(result.reportedTests.map(\.outcome) == [.passed, .passed])
        #expect(try connection.execute("SELECT count(*) FROM items").rows == [["0"]])
    }

    @Test("an S3 fixture on a server that is not Redshift is a clear error")
    func s3OnPostgres() throws {
        let (result, _) = try run("""
            tests:
              - name: loads from S3
                given: [{load: {table: items, csv: "s3://bucket/items.csv"}}]
                then: [{query: SELECT 1, equals: 1}]
            """, dialect: Self.forced, s3: S3Fixtures(iamRole: "arn:aws:iam::1:role/r"))
        let problem = try #require(failure(outcome(result, "loads from S3")))
        // Emulated Redshift reads S3 from a local folder, and says which setting names it.
        #expect(problem.message.contains("needs a local folder that stands for S3"), "\(problem.message)")
        #expect(problem.details.contains("--s3-root"))
        #expect(problem.details.contains("at: spec/t.yml:3:20"))
    }

    @Test("a check after an expected error warns up front and says why it errors")
    func failsAbortsTheTest() throws {
        let warnings = Mutex<[Diagnostic]>([])
        let (result, _) = try run("""
            tests:
              - name: then checks after the error
                then:
                  - sql: INSERT INTO nowhere VALUES (1)
                    fails: { sqlstate: 42P01 }
                  - query: SELECT count(*) FROM items
                    equals: 0
            """, dialect: Self.forced, events: { event in
                if case .warning(let diagnostic) = event { warnings.withLock { $0.append(diagnostic) } }
            })
        let problem = try #require(failure(outcome(result, "then checks after the error")))
        #expect(problem.type == "SQLSTATE 25P02")
        #expect(problem.details.contains("make `fails:` the last check of its test"))
        #expect(warnings.withLock { $0.map(\.code) } == ["fails-aborts-test"])
        #expect(warnings.withLock { $0.first?.location?.line } == 4)
    }

    @Test("TRUNCATE in a transactional suite's SQL warns that the isolation is lost")
    func truncateWarns() throws {
        let codes = Mutex<[String?]>([])
        let collect: (TestEvent) -> Void = { event in
            if case .warning(let diagnostic) = event { codes.withLock { $0.append(diagnostic.code) } }
        }
        let spec = """
            tests:
              - name: truncates
                when: TRUNCATE items
                then: [{query: SELECT count(*) FROM items, equals: 0}]
            """
        _ = try run(spec, dialect: Self.forced, events: collect)
        #expect(codes.withLock { $0 } == ["isolation-lost"])
        _ = try run("isolation: none\n" + spec, dialect: Self.forced, events: collect)
        _ = try run(spec, dialect: .postgresql, events: collect)
        #expect(codes.withLock { $0 } == ["isolation-lost"])
    }

    @Test("an S3 fixture is read from the spec as written and resolved against the configured bucket")
    func s3Locations() throws {
        let suite = try SpecLoader.load(text: """
            tests:
              - name: t
                given: [{load: {table: users, csv: "s3:fixtures/users.csv", columns: [email, name]}}]
                when: SELECT 1
            """, file: "spec/t.yml")
        let step = try #require(suite.tests.first?.given.first)
        guard case .load(let fixture) = step else {
            Issue.record("expected a load step")
            return
        }
        #expect(fixture.source == .s3(location: "s3:fixtures/users.csv"))
        #expect(fixture.columns == ["email", "name"])
        #expect(fixture.rows.isEmpty)
        let s3 = S3Fixtures(iamRole: "r", bucket: "test-data")
        #expect(try s3.url(for: "s3:fixtures/users.csv") == "s3://test-data/fixtures/users.csv")
        #expect(try s3.url(for: "s3://other/k.csv") == "s3://other/k.csv")
        #expect(throws: FixtureLoader.Unloadable.self) { try S3Fixtures().url(for: "s3:k.csv") }
    }
}
