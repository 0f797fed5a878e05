import CLibPQ

extension Connection {
    /// Runs one or more statements with the simple query protocol.
    ///
    /// Returns the result of the last statement; the server stops at the first failing statement, whose error is
    /// thrown. A `COPY ... FROM STDIN` is refused here: use ``copyIn(_:data:)``.
    @discardableResult
    public func execute(_ sql: String) throws(PostgresError) -> QueryResult {
        let handle = try openHandle()
        guard PQsendQuery(handle, sql) == 1 else { throw sendFailure() }
        return try collectResults()
    }

    /// Runs one statement with `$1`, `$2`, ... placeholders bound to text values; `nil` binds SQL NULL.
    @discardableResult
    public func execute(_ sql: String, parameters: [String?]) throws(PostgresError) -> QueryResult {
        let handle = try openHandle()
        guard let count = Int32(exactly: parameters.count) else { throw .client("too many parameters") }
        let values = CStringArray(parameters)
        let sent = withExtendedLifetime(values) {
            PQsendQueryParams(handle, sql, count, nil, values.pointers, nil, nil, 0)
        }
        guard sent == 1 else { throw sendFailure() }
        return try collectResults()
    }

    /// The PGconn, or a client error when the connection was closed.
    func openHandle() throws(PostgresError) -> OpaquePointer {
        guard let handle else { throw .client("the connection is closed") }
        return handle
    }

    /// Why libpq refused to send a query: the connection broke, or something else it reports.
    func sendFailure() -> PostgresError {
        if let handle, PQstatus(handle) == CONNECTION_BAD { return .connectionLost(lastErrorMessage) }
        return .client(lastErrorMessage)
    }

    /// Reads every result of the statements just sent, until libpq has none left.
    ///
    /// - Returns: the last successful result (an empty one when there was none).
    func collectResults() throws(PostgresError) -> QueryResult {
        var last = QueryResult()
        var firstError: PostgresError?
        while let handle, let result = PQgetResult(handle) {
            defer { PQclear(result) }
            switch PQresultStatus(result) {
            case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
                last = QueryResult(result: result)
            case PGRES_COPY_IN:
                // Ending the copy with an error message makes the server abort the COPY, which then fails normally.
                _ = PQputCopyEnd(handle, "COPY FROM STDIN is only supported through copyIn")
            case PGRES_COPY_OUT:
                discardCopyOut(handle)
                firstError = firstError ?? .client("COPY TO STDOUT is not supported; select the rows instead")
            default:
                firstError = firstError ?? error(from: result)
            }
        }
        if let handle, PQstatus(handle) == CONNECTION_BAD { throw .connectionLost(lastErrorMessage) }
        if let firstError { throw firstError }
        return last
    }

    /// The server's error in a result, or a client error when libpq produced the result itself.
    func error(from result: OpaquePointer) -> PostgresError {
        if let message = ServerMessage(result: result) { return .server(message) }
        let text = PQresultErrorMessage(result).map { String(cString: $0) } ?? ""
        return .client(redactor.redact(text.trimmingWhitespace))
    }

    /// Reads and drops the rows of a `COPY ... TO STDOUT` so the connection is usable again.
    private func discardCopyOut(_ handle: OpaquePointer) {
        var buffer: UnsafeMutablePointer<CChar>?
        while PQgetCopyData(handle, &buffer, 0) > 0 {
            PQfreemem(buffer)
            buffer = nil
        }
    }
}
