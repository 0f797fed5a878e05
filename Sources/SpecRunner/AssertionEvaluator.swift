import Dialect
import PostgresClient
import Specs
import TestResults

/// Runs one assertion's SQL and compares what the server returns with what the spec wants.
struct AssertionEvaluator {
    let connection: Connection
    let dialect: Dialect
    /// The values the test captured so far, by name.
    var captured: [String: String?] = [:]

    /// nil when the assertion holds; a failure that shows have and want when it does not. A SQL error in the
    /// assertion's own query is thrown (the test then counts as an error, not a failure).
    func evaluate(_ assertion: Assertion) throws(PostgresError) -> TestFailure? {
        switch assertion.kind {
        case .equals(let query, let expected):
            return try singleValue(query) { ValueComparison.equals(have: $0, want: expected) }
        case .isNull(let query):
            return try singleValue(query) { ValueComparison.isNull(have: $0) }
        case .notNull(let query):
            return try singleValue(query) { ValueComparison.isNotNull(have: $0) }
        case .rows(let query, let expected):
            return try compareColumns(rows(query), expected) { RowComparison.ordered(have: $0, want: $1) }
        case .rowsAnyOrder(let query, let expected):
            return try compareColumns(rows(query), expected) { RowComparison.bag(have: $0, want: $1) }
        case .rowsAsSet(let query, let expected):
            return try compareColumns(rows(query), expected) { RowComparison.set(have: $0, want: $1) }
        case .count(let query, let expected):
            return RowComparison.rowCount(have: try rows(query).count, want: expected)
        case .empty(let query):
            return RowComparison.isEmpty(have: try rows(query))
        case .notEmpty(let query):
            return RowComparison.isNotEmpty(have: try rows(query))
        case .sameRowsAs(let query, let expected):
            return try compareColumns(rows(query), rows(expected)) { RowComparison.ordered(have: $0, want: $1) }
        case .sameRowsAnyOrderAs(let query, let expected):
            return try compareColumns(rows(query), rows(expected)) { RowComparison.bag(have: $0, want: $1) }
        case .fails(let statement, let sqlstate, let message):
            let expectation = ErrorExpectation(sqlState: sqlstate, messagePattern: message)
            return expectation.check(caught: try caughtError(statement))
        case .succeeds(let statement):
            if let caught = try caughtError(statement) { return TestFailure.unexpected(caught) }
            return nil
        case .tableExists(let name):
            let (schema, table) = Self.split(name)
            return try exists(dialect.tableExistsQuery, [table, schema], what: "table \(name)")
        case .columnExists(let table, let column):
            let (schema, name) = Self.split(table)
            return try exists(dialect.columnExistsQuery, [name, schema, column], what: "column \(table).\(column)")
        case .procedureExists(let name):
            let (schema, routine) = Self.split(name)
            return try exists(dialect.routineExistsQuery(procedure: true), [routine, schema], what: "procedure \(name)")
        case .functionExists(let name):
            let (schema, routine) = Self.split(name)
            return try exists(dialect.routineExistsQuery(procedure: false), [routine, schema], what: "function \(name)")
        }
    }

    func rows(_ query: SQLText) throws(PostgresError) -> [[String?]] {
        try result(query).rows
    }

    /// Runs the SQL with its parameters and the captured values it names bound after them.
    func result(_ query: SQLText) throws(PostgresError) -> QueryResult {
        guard query.hasParameters else { return try connection.execute(dialect.sent(query.sql)) }
        let values = query.params + query.captures.map { captured[$0] ?? nil }
        return try connection.execute(dialect.sent(query.boundSQL), parameters: values)
    }

    private func singleValue(_ query: SQLText, _ compare: (String?) -> TestFailure?) throws(PostgresError)
        -> TestFailure?
    {
        let result = try rows(query)
        if let failure = RowComparison.rowCount(have: result.count, want: 1) { return failure }
        return compare(result[0].first ?? nil)
    }

    private func compareColumns(
        _ have: [[String?]], _ want: [[String?]], _ compare: ([[String?]], [[String?]]) -> TestFailure?
    ) -> TestFailure? {
        if let haveWidth = have.first?.count, let wantWidth = want.first?.count,
            let failure = RowComparison.columnCount(have: haveWidth, want: wantWidth)
        {
            return failure
        }
        return compare(have, want)
    }

    /// Runs a statement that may fail, keeping the surrounding transaction usable where savepoints exist.
    private func caughtError(_ statement: SQLText) throws(PostgresError) -> ServerError? {
        let guarded = dialect.supportsSavepoints && connection.transactionStatus == .inTransaction
        if guarded { try connection.execute("SAVEPOINT slipway_expect") }
        do {
            _ = try rows(statement)
            if guarded { try connection.execute("RELEASE SAVEPOINT slipway_expect") }
            return nil
        } catch {
            guard case .server(let message) = error else { throw error }
            if guarded { try connection.execute("ROLLBACK TO SAVEPOINT slipway_expect") }
            return ServerError(sqlState: message.sqlstate, message: message.message)
        }
    }

    private func exists(_ sql: String, _ parameters: [String?], what: String) throws(PostgresError) -> TestFailure? {
        let found = try connection.execute(sql, parameters: parameters).rows
        guard found.isEmpty else { return nil }
        return TestFailure(message: "\(what) does not exist", type: "exists", details: "\(what) does not exist")
    }

    /// `schema.name` → (schema, name); a bare name has no schema (the search path decides).
    static func split(_ qualified: String) -> (String?, String) {
        guard let dot = qualified.lastIndex(of: ".") else { return (nil, qualified) }
        return (String(qualified[..<dot]), String(qualified[qualified.index(after: dot)...]))
    }
}
