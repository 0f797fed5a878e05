/// An ErrorResponse or NoticeResponse from the server, with every field libpq gives.
public struct ServerMessage: Sendable, Equatable {
    /// Non-localised severity: `ERROR`, `FATAL`, `PANIC`, `WARNING`, `NOTICE`, `DEBUG`, `INFO` or `LOG`.
    public var severity: String
    /// The five-character SQLSTATE code, e.g. `22012`.
    public var sqlstate: String
    /// The primary message, one line.
    public var message: String
    public var detail: String?
    public var hint: String?
    /// Where in the statement the error is: 1-based, counted in characters.
    public var position: Int?
    /// Where in ``internalQuery`` the error is: 1-based, counted in characters.
    public var internalPosition: Int?
    /// The text of an internally generated statement that failed, e.g. one inside a PL/pgSQL function.
    public var internalQuery: String?
    /// The call stack, most recent first, one entry a line.
    public var context: String?
    public var schemaName: String?
    public var tableName: String?
    public var columnName: String?
    public var dataTypeName: String?
    public var constraintName: String?

    public init(
        severity: String,
        sqlstate: String,
        message: String,
        detail: String? = nil,
        hint: String? = nil,
        position: Int? = nil,
        internalPosition: Int? = nil,
        internalQuery: String? = nil,
        context: String? = nil,
        schemaName: String? = nil,
        tableName: String? = nil,
        columnName: String? = nil,
        dataTypeName: String? = nil,
        constraintName: String? = nil
    ) {
        self.severity = severity
        self.sqlstate = sqlstate
        self.message = message
        self.detail = detail
        self.hint = hint
        self.position = position
        self.internalPosition = internalPosition
        self.internalQuery = internalQuery
        self.context = context
        self.schemaName = schemaName
        self.tableName = tableName
        self.columnName = columnName
        self.dataTypeName = dataTypeName
        self.constraintName = constraintName
    }
}
