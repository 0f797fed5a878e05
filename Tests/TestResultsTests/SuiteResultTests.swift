import Foundation
import Testing
@testable import TestResults

@Suite struct SuiteResultTests {
    static let failure = TestFailure(message: "m", type: "equals", details: "d")
    static let setup = TestFailure(message: "42P01: no table", type: "SQLSTATE 42P01", details: "42P01: no table")

    static func suite(_ outcomes: [Outcome], setupError: TestFailure? = nil) -> SuiteResult {
        SuiteResult(
            name: "s", file: "s.sql",
            tests: outcomes.enumerated().map { TestCaseResult(name: "t\($0)", suite: "s", duration: 0, outcome: $1) },
            duration: 1, timestamp: Date(timeIntervalSince1970: 0), setupError: setupError)
    }

    @Test("counts each outcome")
    func counts() {
        let counts = Self.suite([.passed, .failed(Self.failure), .errored(Self.failure), .skipped(nil), .passed]).counts
        #expect(counts == TestCounts(passed: 2, failures: 1, errors: 1, skipped: 1))
        #expect(counts.tests == 5)
    }

    @Test("a setup error makes every test an error")
    func setupError() {
        let suite = Self.suite([.passed, .failed(Self.failure)], setupError: Self.setup)
        #expect(suite.counts == TestCounts(errors: 2))
        #expect(suite.reportedTests.map(\.outcome) == [.errored(Self.setup), .errored(Self.setup)])
    }

    @Test("a setup error in a suite without tests still counts as one error")
    func setupErrorWithoutTests() {
        let suite = Self.suite([], setupError: Self.setup)
        #expect(suite.counts == TestCounts(errors: 1))
        #expect(suite.reportedTests.first?.name == SuiteResult.setupTestName)
    }
}
