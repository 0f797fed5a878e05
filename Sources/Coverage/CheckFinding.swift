import Diagnostics

/// One finding of plpgsql_check's static check (`plpgsql_check_function_tb`) on one routine.
public struct CheckFinding: Sendable, Equatable {
    public var signature: String
    /// The 1-based body line of the statement; nil for a finding about the whole routine.
    public var line: Int?
    /// The statement's kind, e.g. `SQL statement`, `RAISE`, `DECLARE`.
    public var statement: String?
    public var sqlstate: String?
    public var message: String
    public var detail: String?
    public var hint: String?
    /// `error`, `warning`, `warning extra`, `performance`, `security`, `compatibility`.
    public var level: String
    /// The 1-based character position in `query` of the problem, when the finding has a query.
    public var position: Int?
    public var query: String?

    public init(
        signature: String, line: Int?, statement: String?, sqlstate: String?, message: String, detail: String?,
        hint: String?, level: String, position: Int?, query: String?
    ) {
        self.signature = signature
        self.line = line
        self.statement = statement
        self.sqlstate = sqlstate
        self.message = message
        self.detail = detail
        self.hint = hint
        self.level = level
        self.position = position
        self.query = query
    }

    /// An error stays an error; every other level (extra, performance, security hints) is a warning.
    public var severity: Diagnostic.Severity { level == "error" ? .error : .warning }

    /// `file:line:col: error: message [SQLSTATE]` at the statement's place in the migration file.
    ///
    /// The column is the first character of the statement's line, moved by `position` when the query starts there
    /// too (plpgsql sends an SQL statement's text as written, with `INTO` blanked out).
    public func diagnostic(source: RoutineSource) -> Diagnostic {
        let bodyLine = line ?? 1
        var column = source.firstColumn(ofBodyLine: bodyLine)
        var fileLine = source.fileLine(ofBodyLine: bodyLine)
        if statement == "SQL statement", let position, let query, position > 1 {
            let before = query.unicodeScalars.prefix(position - 1)
            let breaks = before.filter { $0 == "\n" }.count
            let tail = before.split(separator: "\n", omittingEmptySubsequences: false).last?.count ?? 0
            fileLine += breaks
            column = breaks == 0 ? column + tail : tail + 1
        }
        let code = sqlstate.flatMap { $0 == "00000" ? nil : $0 }
        var notes: [String] = ["routine: \(signature)"]
        if let detail { notes.append("detail: \(detail)") }
        if let query { notes.append("query: \(query)") }
        return Diagnostic(
            severity, category: .validation, location: SourceLocation(file: source.file, line: fileLine, column: column),
            message: code.map { "\(message) [\($0)]" } ?? "\(message) [plpgsql_check \(level)]", notes: notes,
            hint: hint ?? (severity == .error
                ? "fix the routine in its migration (a later migration or the repeatable that defines it)"
                : "a warning fails only when asked: slipway lint --fail-on warning, slipway test --check-fail-on warning"))
    }
}
