import Diagnostics

/// SQL written in a spec, with its positional parameters (`$1`, `$2`, ...) and the captured values it names.
public struct SQLText: Sendable, Equatable {
    public var sql: String
    /// Values for `$1`, `$2`, ... in order, as text; nil is SQL NULL.
    public var params: [String?]
    /// Where the SQL text's YAML scalar starts in the spec file (at its quote or `|` when it has one).
    public var location: SourceLocation
    /// The captured names (`$email`) the SQL uses, bound in this order after ``params``.
    public var captures: [String]
    /// The SQL as sent: each `$name` replaced by its positional parameter; ``sql`` when there are no captures.
    public var boundSQL: String
    /// The YAML comment (`# ...`) right after this SQL when it is an unquoted scalar: the author may have meant it
    /// as SQL, which YAML cut off there.
    public var cutComment: String?

    public init(sql: String, params: [String?] = [], location: SourceLocation, captures: [String] = [], boundSQL: String? = nil) {
        self.sql = sql
        self.params = params
        self.location = location
        self.captures = captures
        self.boundSQL = boundSQL ?? sql
    }

    /// Whether the SQL goes with bound values (one statement, extended protocol) rather than as a script.
    public var hasParameters: Bool {
        !params.isEmpty || !captures.isEmpty
    }
}
