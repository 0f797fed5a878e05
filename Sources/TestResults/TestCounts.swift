/// How many tests ended each way; `tests` is always the sum of the other four.
public struct TestCounts: Sendable, Equatable {
    public var passed: Int
    public var failures: Int
    public var errors: Int
    public var skipped: Int

    public init(passed: Int = 0, failures: Int = 0, errors: Int = 0, skipped: Int = 0) {
        self.passed = passed
        self.failures = failures
        self.errors = errors
        self.skipped = skipped
    }

    /// Counts the given outcomes.
    public init(outcomes: [Outcome]) {
        self.init()
        for outcome in outcomes {
            switch outcome {
            case .passed: passed += 1
            case .failed: failures += 1
            case .errored: errors += 1
            case .skipped: skipped += 1
            }
        }
    }

    public var tests: Int { passed + failures + errors + skipped }

    public static func + (lhs: TestCounts, rhs: TestCounts) -> TestCounts {
        TestCounts(
            passed: lhs.passed + rhs.passed,
            failures: lhs.failures + rhs.failures,
            errors: lhs.errors + rhs.errors,
            skipped: lhs.skipped + rhs.skipped
        )
    }
}
