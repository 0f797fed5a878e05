/// The result of one test case.
public struct TestCaseResult: Sendable, Equatable {
    public var name: String
    /// The name of the suite the test belongs to (JUnit `classname`).
    public var suite: String
    /// Wall-clock time in seconds.
    public var duration: Double
    public var outcome: Outcome
    /// Text the test produced besides its result, e.g. server notices.
    public var output: String?
    /// The 1-based line of the spec file where the test starts, when known.
    public var line: Int?

    public init(name: String, suite: String, duration: Double, outcome: Outcome, output: String? = nil, line: Int? = nil) {
        self.name = name
        self.suite = suite
        self.duration = duration
        self.outcome = outcome
        self.output = output
        self.line = line
    }
}
