import Diagnostics

/// A step that keeps the single row a query returns as named values for the later SQL of the same test
/// (psql's `\gset`): `$name` in that SQL is bound to the value, never spliced into the text.
public struct Capture: Sendable, Equatable {
    public var query: SQLText
    /// One name per column of the row, in column order.
    public var names: [String]
    /// Where the `capture:` step is written in the spec file.
    public var location: SourceLocation

    public init(query: SQLText, names: [String], location: SourceLocation) {
        self.query = query
        self.names = names
        self.location = location
    }
}
