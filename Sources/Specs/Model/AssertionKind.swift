/// What an assertion checks, with the SQL and the expected values it needs.
///
/// Expected values are text, compared with the text the server returns for each value; nil is SQL NULL.
public enum AssertionKind: Sendable, Equatable {
    /// The query returns exactly one row, and its first column equals `expected`.
    case equals(query: SQLText, expected: String?)
    /// The query returns exactly these rows, in this order.
    case rows(query: SQLText, expected: [[String?]])
    /// The query returns these rows in any order, duplicates counted (a bag).
    case rowsAnyOrder(query: SQLText, expected: [[String?]])
    /// The query returns these rows in any order, duplicates ignored (a set).
    case rowsAsSet(query: SQLText, expected: [[String?]])
    /// The query returns this many rows.
    case count(query: SQLText, expected: Int)
    /// The query returns no rows.
    case empty(query: SQLText)
    /// The query returns at least one row.
    case notEmpty(query: SQLText)
    /// The query returns exactly one row, and its first column is NULL.
    case isNull(query: SQLText)
    /// The query returns exactly one row, and its first column is not NULL.
    case notNull(query: SQLText)
    /// Both queries return the same rows in the same order (pgTAP's `results_eq`).
    case sameRowsAs(query: SQLText, expected: SQLText)
    /// Both queries return the same rows, duplicates counted, in any order (pgTAP's `bag_eq`).
    case sameRowsAnyOrderAs(query: SQLText, expected: SQLText)
    /// The statement fails; when given, the SQLSTATE must equal `sqlstate` and the server's message must
    /// contain a match of the regular expression `message`.
    case fails(statement: SQLText, sqlstate: String?, message: String?)
    /// The statement runs without error.
    case succeeds(statement: SQLText)
    /// The table (or view) exists; the name may be schema-qualified.
    case tableExists(name: String)
    /// The column exists in the table; the table may be schema-qualified.
    case columnExists(table: String, column: String)
    /// A procedure of this name exists; the name may be schema-qualified.
    case procedureExists(name: String)
    /// A function of this name exists; the name may be schema-qualified.
    case functionExists(name: String)
}

extension AssertionKind {
    /// The SQL the check runs, in the order it runs it; empty for catalog checks.
    public var sqlTexts: [SQLText] {
        switch self {
        case .equals(let query, _), .rows(let query, _), .rowsAnyOrder(let query, _), .rowsAsSet(let query, _),
            .count(let query, _), .empty(let query), .notEmpty(let query), .isNull(let query), .notNull(let query),
            .fails(let query, _, _), .succeeds(let query):
            return [query]
        case .sameRowsAs(let query, let expected), .sameRowsAnyOrderAs(let query, let expected):
            return [query, expected]
        case .tableExists, .columnExists, .procedureExists, .functionExists:
            return []
        }
    }
}
