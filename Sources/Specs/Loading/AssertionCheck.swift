/// The check keys of an assertion (`equals`, `rows`, ...), and what each one runs.
enum AssertionCheck: String, CaseIterable {
    /// What the SQL of an assertion is, if it has any.
    enum Subject {
        /// A `query:` whose result is checked.
        case query
        /// A statement in `sql:` whose outcome is checked.
        case statement
        /// No SQL: the check looks at the catalog.
        case none
    }

    case equals
    case rows
    case rowsAnyOrder = "rows_any_order"
    case rowsAsSet = "rows_as_set"
    case count
    case empty
    case notEmpty = "not_empty"
    case isNull = "is_null"
    case notNull = "not_null"
    case sameRowsAs = "same_rows_as"
    case sameRowsAnyOrderAs = "same_rows_any_order_as"
    case fails
    case succeeds
    case tableExists = "table_exists"
    case columnExists = "column_exists"
    case procedureExists = "procedure_exists"
    case functionExists = "function_exists"

    var subject: Subject {
        switch self {
        case .fails, .succeeds: .statement
        case .tableExists, .columnExists, .procedureExists, .functionExists: .none
        default: .query
        }
    }
}
