import Foundation
import TestResults

/// A run that could not go on (the connection was lost, or it was interrupted): the results of what finished,
/// including the suite it stopped in with its finished tests and an errored case saying why, so that reports
/// can still be written; `cause` is what stopped it.
public struct RunStopped: Error {
    public var results: [SuiteResult]
    public var cause: any Error

    public init(results: [SuiteResult], cause: any Error) {
        self.results = results
        self.cause = cause
    }

    /// The suite `suite` stopped at `test`: the tests that finished, then `test` as an error naming the cause.
    static func inSuite(
        _ suite: String, file: String, finished: [TestCaseResult], stoppedAt test: String, cause: any Error,
        duration: Double, timestamp: Date
    ) -> RunStopped {
        let text = "the run stopped here: \(cause)"
        let stopped = TestCaseResult(
            name: test, suite: suite, duration: 0,
            outcome: .errored(TestFailure(message: text, type: "stopped", details: text)))
        return RunStopped(
            results: [SuiteResult(name: suite, file: file, tests: finished + [stopped], duration: duration, timestamp: timestamp)],
            cause: cause)
    }
}
