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

    public init(
        name: String,
        file: String,
        tests: [TestCaseResult],
        duration: Double,
        timestamp: Date,
        setupError: TestFailure? = nil
    ) {
        self.name = name
        self.file = file
        self.tests = tests
        self.duration = duration
        self.timestamp = timestamp
        self.setupError = setupError
    }

    /// The name of the test case that stands for a failed setup when the suite has no tests.
    public static let setupTestName = "(suite setup)"

    /// The tests as reports show them: with a setup error, every test is errored with it, and a suite
    /// without tests gets one stand-in test so the error is never lost.
    public var reportedTests: [TestCaseResult] {
        guard let setupError else { return tests }
        if tests.isEmpty {
            return [TestCaseResult(name: Self.setupTestName, suite: name, duration: duration, outcome: .errored(setupError))]
        }
        return tests.map { test in
            var errored = test
            errored.outcome = .errored(setupError)
            return errored
        }
    }

    /// How many of the reported tests passed, failed, errored and were skipped.
    public var counts: TestCounts {
        TestCounts(outcomes: reportedTests.map(\.outcome))
    }
}
