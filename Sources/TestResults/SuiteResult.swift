import Foundation

/// The results of one test spec file.
public struct SuiteResult: Sendable, Equatable {
    public var name: String
    /// The spec file the suite came from, as the user named it.
    public var file: String
    public var tests: [TestCaseResult]
    /// Wall-clock time in seconds.
    public var duration: Double
    /// When the suite started.
    public var timestamp: Date
    /// A suite-level setup that failed; then every test counts as an error.
    public var setupError: TestFailure?
    /// A suite-level teardown that failed after the tests ran; it is reported as one errored case of its own,
    /// and the tests keep their outcomes.
    public var teardownError: TestFailure?

    public init(
        name: String,
        file: String,
        tests: [TestCaseResult],
        duration: Double,
        timestamp: Date,
        setupError: TestFailure? = nil,
        teardownError: TestFailure? = nil
    ) {
        self.name = name
        self.file = file
        self.tests = tests
        self.duration = duration
        self.timestamp = timestamp
        self.setupError = setupError
        self.teardownError = teardownError
    }

    /// The name of the test case that stands for a failed setup when the suite has no tests.
    public static let setupTestName = "(suite setup)"
    /// The name of the test case that stands for a failed teardown.
    public static let teardownTestName = "(suite teardown)"

    /// The tests as reports show them: with a setup error, every test is errored with it (a suite without tests
    /// gets one stand-in test so the error is never lost); a teardown error is a stand-in test of its own.
    public var reportedTests: [TestCaseResult] {
        var reported = tests
        if let setupError {
            reported = tests.isEmpty
                ? [standIn(Self.setupTestName, setupError)]
                : tests.map { test in
                    var errored = test
                    errored.outcome = .errored(setupError)
                    return errored
                }
        }
        if let teardownError { reported.append(standIn(Self.teardownTestName, teardownError)) }
        return reported
    }

    private func standIn(_ testName: String, _ failure: TestFailure) -> TestCaseResult {
        TestCaseResult(name: testName, suite: name, duration: 0, outcome: .errored(failure))
    }

    /// How many of the reported tests passed, failed, errored and were skipped.
    public var counts: TestCounts {
        TestCounts(outcomes: reportedTests.map(\.outcome))
    }
}
