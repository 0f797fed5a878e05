import Foundation
import Testing
import TestResults
@testable import JUnitReport

@Suite struct ConsoleRendererTests {
    let plain = ConsoleRenderer()

    @Test("a line per outcome")
    func lines() {
        #expect(plain.line(for: Fixtures.test("counts rows", suite: "s", .passed)) == "  ✓ counts rows (12 ms)")
        #expect(plain.line(for: Fixtures.test("later", suite: "s", .skipped("not on Redshift")))
            == "  - later (skipped: not on Redshift)")
        #expect(plain.line(for: Fixtures.test("later", suite: "s", .skipped(nil))) == "  - later (skipped)")
        #expect(plain.line(for: Fixtures.test("status", suite: "s", .failed(Fixtures.rowsFailure), duration: 0.5,
                                              output: "NOTICE:  hi")) == """
              ✗ status (500 ms)
                  Results differ beginning at row 2:
                      have: (Widget,CLOSED)
                      want: (Widget,ACTIVE)
                  output:
                    NOTICE:  hi
            """)
        let error = TestFailure.unexpected(ServerError(sqlState: "42P01", message: "no table"), notes: ["sql: SELECT 1"])
        #expect(plain.line(for: Fixtures.test("q", suite: "s", .errored(error), duration: 0.0004))
            == "  ! q (0 ms)\n      42P01: no table\n      sql: SELECT 1")
    }

    @Test("header and setup failure")
    func headerAndSetup() {
        #expect(plain.header(suiteName: "orders", file: "tests/orders.sql") == "orders (tests/orders.sql)")
        let failure = TestFailure(message: "42P01: no table", type: "SQLSTATE 42P01", details: "42P01: no table\nsql: x")
        #expect(plain.stageFailure(failure, stage: "setup") == "  ! setup failed: 42P01: no table\n      42P01: no table\n      sql: x")
    }

    @Test("the summary line has the exact form")
    func summary() {
        let suites = [Fixtures.small, Fixtures.all[2], Fixtures.all[3]]
        #expect(plain.summary(for: suites, duration: 0.8449) == "Tests: 2 passed, 1 failed, 1 errored, 3 skipped (3 suites, 0.84 s)")
        #expect(plain.summary(for: [Fixtures.small], duration: 12) == "Tests: 1 passed, 1 failed, 0 errored, 1 skipped (1 suite, 12.00 s)")
    }

    @Test("colour codes appear only when asked for")
    func colour() {
        let test = Fixtures.test("t", suite: "s", .failed(Fixtures.rowsFailure))
        #expect(!plain.line(for: test).contains("\u{1B}"))
        #expect(!plain.summary(for: Fixtures.all, duration: 1).contains("\u{1B}"))
        let coloured = ConsoleRenderer(color: true)
        #expect(coloured.line(for: test).hasPrefix("  \u{1B}[31m✗\u{1B}[0m t"))
        #expect(coloured.summary(for: [Fixtures.small], duration: 1).contains("\u{1B}[32m1 passed\u{1B}[0m"))
    }

    @Test("control characters in names cannot reach the terminal")
    func controlCharacters() {
        let line = plain.line(for: Fixtures.test("evil\u{1B}[2Jname\rx", suite: "s", .passed))
        #expect(line == "  ✓ evil\\x1B[2Jname\\x0Dx (12 ms)")
    }
}

@Suite struct FailureListTests {
    @Test("a run ends with its failed and errored tests, each at its spec file and line")
    func failureList() {
        var failed = Fixtures.test("status", suite: "orders", .failed(Fixtures.rowsFailure))
        failed.line = 14
        let errored = Fixtures.test("query", suite: "orders", .errored(Fixtures.rowsFailure))
        let suite = SuiteResult(
            name: "orders", file: "spec/orders.yml",
            tests: [Fixtures.test("counts", suite: "orders", .passed), failed, errored], duration: 0, timestamp: Fixtures.may1Noon,
            teardownError: Fixtures.rowsFailure)
        #expect(ConsoleRenderer().failureList(for: [suite]) == """
            Failed tests (3):
              ✗ spec/orders.yml:14: orders › status
              ! spec/orders.yml: orders › query
              ! spec/orders.yml: orders › (suite teardown)
            """)
        #expect(ConsoleRenderer().failureList(for: [Fixtures.all[0]]) == nil, "a passing suite")
    }
}
