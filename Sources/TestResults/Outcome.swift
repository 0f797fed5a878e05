/// How a test ended.
public enum Outcome: Sendable, Equatable {
    case passed
    /// An assertion did not hold.
    case failed(TestFailure)
    /// The test could not run to its assertion, e.g. the server raised an unexpected error.
    case errored(TestFailure)
    /// The test was not run; the optional text says why.
    case skipped(String?)
}
