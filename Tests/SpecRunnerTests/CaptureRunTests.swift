import PostgresClient
import SpecRunner
import Specs
import TestResults
import Testing
import TestSupport

@Suite struct CaptureRunTests {
    static let schema = """
        CREATE TABLE users (email TEXT, name TEXT);
        INSERT INTO users VALUES ('ann@example.com', 'Ann'), ('bob@example.com', 'Bob');
        CREATE TABLE orders (email TEXT, n INT);
        CREATE PROCEDURE gen_orders(p_email TEXT, p_count INT) LANGUAGE sql
            AS 'INSERT INTO orders SELECT p_email, generate_series(1, p_count)'
        """

    @Test("a captured value is bound in later steps and checks of the test, also a value with quotes in it")
    func boundLater() throws {
        let (result, _) = try run("""
            tests:
              - name: orders for a random user
                given:
                  - sql: INSERT INTO users VALUES ($$o'brien@example.com$$, 'O''Brien')
                  - capture: SELECT email, 3 FROM users WHERE name = 'O''Brien'
                    as: [email, n]
                when:
                  sql: CALL gen_orders($email, $n)
                then:
                  - query: SELECT count(*) FROM orders WHERE email = $email
                    equals: 3
                  - query: SELECT $email::text
                    equals: "o'brien@example.com"
            """, schema: Self.schema)
        #expect(outcome(result, "orders for a random user") == .passed)
    }

    @Test("a check that uses a captured value can fail")
    func checkFails() throws {
        let (result, _) = try run("""
            tests:
              - name: t
                given:
                  - capture: SELECT email FROM users WHERE name = 'Bob'
                    as: [email]
                then:
                  - query: SELECT name FROM users WHERE email = $email
                    equals: Ann
            """, schema: Self.schema)
        let failed = try #require(failure(outcome(result, "t")))
        #expect(failed.details.contains("have: Bob"), "\(failed.details)")
    }

    @Test("a capture whose query returns no row or several errors the test at the capture's line", arguments: [
        ("SELECT email FROM users WHERE false", "the capture's query returned no row; it must return exactly one"),
        ("SELECT email FROM users", "the capture's query returned 2 rows; it must return exactly one"),
        ("SELECT email, name FROM users LIMIT 1", "the capture's query returned 2 columns for 1 names in 'as'"),
    ])
    func notOneRow(query: String, message: String) throws {
        let (result, _) = try run("""
            tests:
              - name: t
                given:
                  - capture: \(query)
                    as: [email]
                then:
                  - query: SELECT $email
                    not_null: true
            """, schema: Self.schema)
        guard case .errored(let failure) = outcome(result, "t") else {
            Issue.record("want an error, have \(String(describing: outcome(result, "t")))")
            return
        }
        #expect(failure.message == message)
        #expect(failure.details.contains("at: spec/t.yml:4:9"), "\(failure.details)")
    }

    @Test("params: in a check are bound in its query or statement, and $name after them")
    func paramsInChecks() throws {
        let (result, _) = try run("""
            tests:
              - name: t
                given:
                  - capture: SELECT 'Bob'
                    as: [who]
                then:
                  - query: SELECT email FROM users WHERE name = $1
                    params: [Ann]
                    equals: ann@example.com
                  - query: SELECT count(*) FROM users WHERE name IN ($1, $who)
                    params: [Ann]
                    equals: 2
                  - sql: INSERT INTO orders VALUES ($1, $2)
                    params: [x, not a number]
                    fails: { sqlstate: 22P02 }
            """, schema: Self.schema)
        #expect(outcome(result, "t") == .passed)
    }

    @Test("a value captured in setup is seen by each test")
    func fromSetup() throws {
        let (result, _) = try run("""
            setup:
              - capture: SELECT email FROM users WHERE name = 'Ann'
                as: [ann]
            tests:
              - name: a
                then:
                  - query: SELECT name FROM users WHERE email = $ann
                    equals: Ann
              - name: b
                when: CALL gen_orders($ann, 2)
                then:
                  - query: SELECT count(*) FROM orders WHERE email = $ann
                    equals: 2
            """, schema: Self.schema)
        #expect(outcome(result, "a") == .passed)
        #expect(outcome(result, "b") == .passed)
    }
}

@Suite struct CommentCutTests {
    @Test("an error in SQL that YAML cut at ` #` says so and how to write it", arguments: [
        "    when: SELECT name FROM items WHERE name = 'a #1'\n",
        "    then:\n      - query: SELECT count(*) FROM items\n          WHERE name = 'a #1'\n        equals: 0\n",
    ])
    func cut(test: String) throws {
        let (result, _) = try run("tests:\n  - name: t\n" + test)
        guard case .errored(let failure) = outcome(result, "t") else {
            Issue.record("want an error, have \(String(describing: outcome(result, "t")))")
            return
        }
        #expect(failure.details.contains("hint: YAML ended this SQL at ` #`: `#1'` is a YAML comment, not SQL"), "\(failure.details)")
    }

    @Test("SQL in a block scalar keeps its ` #`; an error after a real comment has no such hint")
    func blockScalar() throws {
        let (result, _) = try run("""
            tests:
              - name: kept
                then:
                  - query: |
                      SELECT count(*) FROM items WHERE name = 'a #1'
                    equals: 0
              - name: other error
                when: SELECT nothing FROM items # a real comment
            """)
        #expect(outcome(result, "kept") == .passed)
        let failed = try #require(failure(outcome(result, "other error")))
        #expect(failed.details.contains("42703"), "\(failed.details)")
        // A comment after complete SQL, with an error that is not about syntax, is not taken for cut SQL.
        #expect(!failed.details.contains("YAML ended this SQL"), "\(failed.details)")
    }
}
