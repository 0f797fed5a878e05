import Diagnostics
import TestResults

/// What a test run reports as it goes, so results print as they come.
public enum TestEvent: Sendable {
    case suiteStarted(name: String, file: String)
    case testFinished(TestCaseResult)
    case suiteFinished(SuiteResult)
    case warning(Diagnostic)
}
