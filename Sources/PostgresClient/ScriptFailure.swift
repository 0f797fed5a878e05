/// A script sent as one query failed: the error, and how many of its statements had completed before it.
public struct ScriptFailure: Error, Sendable, Equatable {
    /// Statements that succeeded, counted from the first; the failing one is the next.
    public let completedStatements: Int
    public let error: PostgresError

    public init(completedStatements: Int, error: PostgresError) {
        self.completedStatements = completedStatements
        self.error = error
    }
}
