import Diagnostics

/// One named test of a suite: extra steps, the action under test, and the assertions about its effect.
public struct SpecTest: Sendable, Equatable {
    public var name: String
    public var tags: [String]
    /// Non-nil when the test is skipped: the reason, or the empty string for `skip: true`.
    public var skip: String?
    /// Steps that prepare this test only, run after the suite's `before_each`.
    public var given: [Step]
    /// The action under test.
    public var when: [Step]
    /// The assertions, checked in order after `when`.
    public var then: [Assertion]
    /// Where the test's mapping starts in the spec file.
    public var location: SourceLocation

    public init(
        name: String,
        tags: [String] = [],
        skip: String? = nil,
        given: [Step] = [],
        when: [Step] = [],
        then: [Assertion] = [],
        location: SourceLocation
    ) {
        self.name = name
        self.tags = tags
        self.skip = skip
        self.given = given
        self.when = when
        self.then = then
        self.location = location
    }
}
