/// Why a test did not pass: a one-line message, the kind of check, and the full explanation.
public struct TestFailure: Sendable, Equatable {
    /// One line, shown in summaries and in the JUnit `message` attribute.
    public var message: String
    /// The assertion kind (`rows`, `equals`, `fails`, ...) or, for server errors, `SQLSTATE 42P01`.
    public var type: String
    /// The full, multi-line text: have/want, differing rows, SQL, location.
    public var details: String

    public init(message: String, type: String, details: String) {
        self.message = message
        self.type = type
        self.details = details
    }
}
