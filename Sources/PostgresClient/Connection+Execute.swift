import CLibPQ

extension Connection {
    /// Runs one or more statements with the simple query protocol.
    ///
    /// Returns the result of the last statement; the server stops at the first failing statement, whose error is
    /// thrown. A `COPY ... FROM STDIN` is refused here: use ``copyIn(_:data:)``.
    @discardableResult
    public func execute(_ sql: String) throws(PostgresError) -> QueryResult {
        try refuseNUL(in: [sql])
        let handle = try openHandle()
        guard PQsendQuery(handle, sql) == 1 else { throw sendFailure() }
        return try collectResults()
    }

    /// Runs one statement with `$1`, `$2`, ... placeholders bound to text values; `nil` binds SQL NULL.
    @discardableResult
    public func execute(_ sql: String, parameters: [String?]) throws(PostgresError) -> QueryResult {
        try refuseNUL(in: [sql] + parameters)
        let handle = try openHandle()
        guard let count = Int32(exactly: parameters.count) else { throw .client("too many parameters") }
        let values = CStringArray(parameters)
        let sent = withExtendedLifetime(values) {
            PQsendQueryParams(handle, sql, count, nil, values.pointers, nil, nil, 0)
        }
        guard sent == 1 else { throw sendFailure() }
        return try collectResults()
    }

    /// Refuses text holding a NUL: libpq sends C strings, so the server would get the text cut short there and
    /// run what is left. Callers check their files first to name the place; this is the last line.
    func refuseNUL(in texts: [String?]) throws(PostgresError) {
        guard texts.contains(where: { $0?.utf8.contains(0) == true }) else { return }
        throw .client("the SQL text or a parameter holds a NUL character, which cannot be sent to the server")
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

    /// Runs a script of several statements as one simple query: one round trip however many statements.
    ///
    /// The server runs them in order and stops at the first failure; the error then says how many statements
    /// had completed, which is how a caller finds the failing statement when the error carries no position
    /// (a position counts characters from the start of the whole script). Rows that statements return are not
    /// read. A `COPY ... FROM STDIN` is refused, as in ``execute(_:)``.
    public func executeScript(_ sql: String) throws(ScriptFailure) {
        do throws(PostgresError) {
            try refuseNUL(in: [sql])
            guard PQsendQuery(try openHandle(), sql) == 1 else { throw sendFailure() }
        } catch {
            throw ScriptFailure(completedStatements: 0, error: error)
        }
        var completed = 0
        do {
            try collectResults(keepingRows: false) { completed += 1 }
        } catch {
            throw ScriptFailure(completedStatements: completed, error: error)
        }
    }

    /// Reads every result of the statements just sent, until libpq has none left.
    ///
    /// - Parameters:
    ///   - keepingRows: whether to read the rows into the returned result.
    ///   - completed: called once for each statement that succeeded, in order.
    /// - Returns: the last successful result (an empty one when there was none).
    @discardableResult
    func collectResults(keepingRows: Bool = true, completed: () -> Void = {}) throws(PostgresError) -> QueryResult {
        var last = QueryResult()
        var firstError: PostgresError?
        while let handle, let result = PQgetResult(handle) {
            defer { PQclear(result) }
            switch PQresultStatus(result) {
            case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
                if firstError == nil { completed() }
                if keepingRows { last = QueryResult(result: result) }
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
