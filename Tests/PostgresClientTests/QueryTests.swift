import PostgresClient
import Testing

@Suite struct QueryTests {
    @Test("rows come back as text with nil for NULL, with columns and command tag")
    func rowsAndNulls() throws {
        let connection = try connectToSharedServer()
        let result = try connection.execute(
            "select 1 as id, null::text as name union all select 2, 'zwei' order by id")
        #expect(result == QueryResult(
            columns: ["id", "name"], rows: [["1", nil], ["2", "zwei"]], commandTag: "SELECT 2", affectedRows: 2))
    }

    @Test("parameters are bound as text, nil as NULL")
    func parameters() throws {
        let connection = try connectToSharedServer()
        let result = try connection.execute(
            "select $1::int + 1, $2::text is null, $3::text", parameters: ["41", nil, "it's ü"])
        #expect(result.rows == [["42", "t", "it's ü"]])
    }

    @Test("SQL or a parameter holding a NUL is refused before it is sent, not cut short", arguments: [
        ("select 1; select 2\u{0}", [String?]()), ("select $1::text", ["abc\u{0}def"]),
    ])
    func nulRefused(sql: String, parameters: [String?]) throws {
        let connection = try connectToSharedServer()
        let error = postgresError {
            if parameters.isEmpty { try connection.execute(sql) } else { try connection.execute(sql, parameters: parameters) }
        }
        #expect(error.map { "\($0)" }?.contains("NUL character") == true, "\(String(describing: error))")
        #expect(throws: ScriptFailure.self) { try connection.executeScript("create temp table cut (n int);\u{0} select 1") }
        #expect(try connection.execute("select to_regclass('cut')::text").rows == [[nil]])
    }

    @Test("several statements return the last result")
    func multiStatement() throws {
        let connection = try connectToSharedServer()
        let result = try connection.execute(
            "create temp table numbers (n int); insert into numbers values (1), (2); select count(*) from numbers")
        #expect(result.rows == [["2"]])
        let insert = try connection.execute("insert into numbers values (3), (4), (5)")
        #expect(insert.commandTag == "INSERT 0 3")
        #expect(insert.affectedRows == 3)
    }

    @Test("several statements stop at the first failing one and report its error")
    func multiStatementFirstError() throws {
        let connection = try connectToSharedServer()
        let error = postgresError {
            try connection.execute("create temp table reached (n int); select 1/0; select * from no_such_table")
        }
        #expect(error?.serverMessage?.sqlstate == "22012")
        // The whole string is one implicit transaction, so the first statement is undone as well.
        #expect(try connection.execute("select to_regclass('reached')::text").rows == [[nil]])
    }

    @Test("an empty query gives an empty result")
    func emptyQuery() throws {
        let connection = try connectToSharedServer()
        #expect(try connection.execute("") == QueryResult())
    }

    @Test("session facts: version, parameters, user, database, backend")
    func sessionFacts() throws {
        let connection = try connectToSharedServer()
        #expect(connection.serverVersionNumber >= 100_000)
        let version = try #require(connection.parameterStatus("server_version"))
        #expect(version.hasPrefix("\(connection.serverVersionNumber / 10_000)."))
        #expect(connection.parameterStatus("no_such_parameter") == nil)
        #expect(connection.user == "postgres")
        #expect(connection.database == "postgres")
        let pid = try connection.execute("select pg_backend_pid()").rows.first?.first ?? nil
        #expect(pid == String(connection.backendPID))
    }

    @Test("transaction status follows begin, failure and rollback")
    func transactionStatus() throws {
        let connection = try connectToSharedServer()
        #expect(connection.transactionStatus == .idle)
        try connection.execute("begin")
        #expect(connection.transactionStatus == .inTransaction)
        #expect(postgresError { try connection.execute("select 1/0") } != nil)
        #expect(connection.transactionStatus == .inError)
        try connection.execute("rollback")
        #expect(connection.transactionStatus == .idle)
    }

    @Test("a closed connection refuses calls, and closing twice is fine")
    func closedConnection() throws {
        let connection = try connectToSharedServer()
        connection.close()
        connection.close()
        #expect(postgresError { try connection.execute("select 1") } == .client("the connection is closed"))
        #expect(connection.transactionStatus == .unknown)
    }

    @Test("COPY FROM STDIN through execute is refused by aborting the copy")
    func copyThroughExecute() throws {
        let connection = try connectToSharedServer()
        try connection.execute("create temp table target (n int)")
        let message = postgresError { try connection.execute("copy target from stdin") }?.serverMessage
        #expect(message?.sqlstate == "57014")
        #expect(message?.message.contains("copyIn") == true)
        #expect(try connection.execute("select 1").rows == [["1"]])
    }

    @Test("a script as one query reports how many statements completed before the failing one")
    func scriptCountsCompletedStatements() throws {
        let connection = try connectToSharedServer()
        try connection.executeScript("select 1; select 2 from generate_series(1, 3)")
        var failure: ScriptFailure?
        do {
            try connection.executeScript("begin; select 1; select 1 / 0; select 4")
        } catch {
            failure = error
        }
        #expect(failure?.completedStatements == 2)
        #expect(failure?.error.serverMessage?.sqlstate == "22012")
        #expect(connection.transactionStatus == .inError)
    }
}
