import Diagnostics

/// SQL written in a spec, with its positional parameters (`$1`, `$2`, ...).
public struct SQLText: Sendable, Equatable {
    public var sql: String
    /// Values for `$1`, `$2`, ... in order, as text; nil is SQL NULL.
    public var params: [String?]
    /// Where the SQL text's YAML scalar starts in the spec file (at its quote or `|` when it has one).
    public var location: SourceLocation

    public init(sql: String, params: [String?] = [], location: SourceLocation) {
        self.sql = sql
        self.params = params
        self.location = location
    }
}
