import CLibPQ

extension ServerMessage {
    /// Reads the error or notice fields of a libpq result; `nil` when it carries no SQLSTATE, i.e. libpq made it up.
    init?(result: OpaquePointer) {
        func field(_ code: Int32) -> String? {
            PQresultErrorField(result, code).map { String(cString: $0) }
        }
        guard let sqlstate = field(CLibPQ_PG_DIAG_SQLSTATE) else { return nil }
        self.init(
            severity: field(CLibPQ_PG_DIAG_SEVERITY_NONLOCALIZED) ?? field(CLibPQ_PG_DIAG_SEVERITY) ?? "ERROR",
            sqlstate: sqlstate,
            message: field(CLibPQ_PG_DIAG_MESSAGE_PRIMARY) ?? "",
            detail: field(CLibPQ_PG_DIAG_MESSAGE_DETAIL),
            hint: field(CLibPQ_PG_DIAG_MESSAGE_HINT),
            position: field(CLibPQ_PG_DIAG_STATEMENT_POSITION).flatMap { Int($0) },
            internalPosition: field(CLibPQ_PG_DIAG_INTERNAL_POSITION).flatMap { Int($0) },
            internalQuery: field(CLibPQ_PG_DIAG_INTERNAL_QUERY),
            context: field(CLibPQ_PG_DIAG_CONTEXT),
            schemaName: field(CLibPQ_PG_DIAG_SCHEMA_NAME),
            tableName: field(CLibPQ_PG_DIAG_TABLE_NAME),
            columnName: field(CLibPQ_PG_DIAG_COLUMN_NAME),
            dataTypeName: field(CLibPQ_PG_DIAG_DATATYPE_NAME),
            constraintName: field(CLibPQ_PG_DIAG_CONSTRAINT_NAME)
        )
    }
}
