import Foundation
import TestResults

/// Suites covering every outcome and awkward text, shared by the document and validation tests.
enum Fixtures {
    static let may1Noon = Date(timeIntervalSince1970: 1_714_564_800)

    static func test(_ name: String, suite: String, _ outcome: Outcome, duration: Double = 0.012, output: String? = nil)
        -> TestCaseResult
    {
        TestCaseResult(name: name, suite: suite, duration: duration, outcome: outcome, output: output)
    }

    static let rowsFailure = TestFailure(
        message: "Results differ beginning at row 2",
        type: "rows",
        details: "Results differ beginning at row 2:\n    have: (Widget,CLOSED)\n    want: (Widget,ACTIVE)")

    static let small = SuiteResult(
        name: "orders",
        file: "tests/orders.sql",
        tests: [
            test("counts rows", suite: "orders", .passed),
            test("status <closed>", suite: "orders", .failed(rowsFailure), duration: 0.5, output: "NOTICE:  hi"),
            test("later", suite: "orders", .skipped("not on Redshift")),
        ],
        duration: 0.84,
        timestamp: may1Noon)

    static let weird = "tab\there & <b> \"q\" 'a' ]]> bell\u{7} nul\u{0} esc\u{1B} cr\r ffff\u{FFFF} é 日本 🚀"

    /// Suites for validation: passing, failing, erroring, skipped, weird characters, failed setup, empty.
    static var all: [SuiteResult] {
        let error = TestFailure.unexpected(
            ServerError(sqlState: "42P01", message: "relation \"nope\" does not exist"), notes: ["sql: SELECT 1"])
        return [
            SuiteResult(name: "passing", file: "a.sql", tests: [test("one", suite: "passing", .passed)],
                        duration: 1234.5678, timestamp: may1Noon),
            small,
            SuiteResult(name: "errors", file: "e.sql",
                        tests: [test("boom", suite: "errors", .errored(error)), test("ok", suite: "errors", .passed)],
                        duration: 0, timestamp: may1Noon),
            SuiteResult(name: "skipped", file: "s.sql",
                        tests: [test("s1", suite: "skipped", .skipped(nil)), test("s2", suite: "skipped", .skipped("why"))],
                        duration: 0.0004, timestamp: may1Noon),
            SuiteResult(name: weird, file: weird,
                        tests: [test(weird, suite: weird,
                                     .failed(TestFailure(message: weird, type: weird, details: weird)), output: weird)],
                        duration: .nan, timestamp: may1Noon),
            SuiteResult(name: "setup", file: "x.sql", tests: [], duration: 2, timestamp: may1Noon, setupError: error),
            SuiteResult(name: "empty", file: "y.sql", tests: [], duration: 0, timestamp: may1Noon),
            SuiteResult(name: "long", file: "l.sql",
                        tests: [test(String(repeating: "n", count: 1_500), suite: "long",
                                     .failed(TestFailure(message: String(repeating: "m", count: 6_000), type: "equals",
                                                         details: "have: 1\nwant: 2")))],
                        duration: 1, timestamp: may1Noon),
        ]
    }
}
