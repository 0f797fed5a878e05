import Diagnostics

/// One check in a test's `then:` list.
public struct Assertion: Sendable, Equatable {
    /// The author's words for what the check means, shown when it fails.
    public var description: String?
    public var kind: AssertionKind
    /// Where the assertion's mapping starts in the spec file.
    public var location: SourceLocation

    public init(description: String? = nil, kind: AssertionKind, location: SourceLocation) {
        self.description = description
        self.kind = kind
        self.location = location
    }
}
