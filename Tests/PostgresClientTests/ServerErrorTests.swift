import PostgresClient
import Testing

@Suite struct ServerErrorTests {
    struct Case: Sendable, CustomStringConvertible {
        var sql: String
        var sqlstate: String
        var message: String
        var position: Int?
        var hint: String?
        var description: String { sql }
    }

    @Test("a failing statement carries the server's sqlstate, message, position and hint", arguments: [
        Case(sql: "select 1/0", sqlstate: "22012", message: "division by zero"),
        Case(sql: "select * fromm pg_class", sqlstate: "42601", message: "syntax error at or near \"fromm\"",
             position: 10),
        Case(sql: "select 'ü', no_such_column", sqlstate: "42703", message: "column \"no_such_column\" does not exist",
             position: 13),
        Case(sql: "select length(1, 2)", sqlstate: "42883", message: "function length(integer, integer) does not exist",
             position: 8,
             hint: "No function matches the given name and argument types. You might need to add explicit type casts."),
    ])
    func serverError(_ example: Case) throws {
        let connection = try connectToSharedServer()
        let message = try #require(postgresError { try connection.execute(example.sql) }?.serverMessage)
        #expect(message.severity == "ERROR")
        #expect(message.sqlstate == example.sqlstate)
        #expect(message.message == example.message)
        #expect(message.position == example.position)
        #expect(message.hint == example.hint)
    }

    @Test("a unique violation names the key, table and constraint")
    func uniqueViolation() throws {
        let connection = try connectToSharedServer()
        try connection.execute("create temp table people (id int primary key); insert into people values (7)")
        let message = try #require(
            postgresError { try connection.execute("insert into people values (7)") }?.serverMessage)
        #expect(message.sqlstate == "23505")
        #expect(message.message == "duplicate key value violates unique constraint \"people_pkey\"")
        #expect(message.detail == "Key (id)=(7) already exists.")
        #expect(message.tableName == "people")
        #expect(message.constraintName == "people_pkey")
        #expect(message.schemaName?.hasPrefix("pg_temp") == true)
    }

    @Test("an error inside a function carries the internal query, its position and the context")
    func internalQuery() throws {
        let connection = try connectToSharedServer()
        let message = try #require(postgresError {
            try connection.execute("do $$ begin execute 'select nope from pg_class'; end $$")
        }?.serverMessage)
        #expect(message.sqlstate == "42703")
        #expect(message.internalQuery == "select nope from pg_class")
        #expect(message.internalPosition == 8)
        #expect(message.context?.contains("PL/pgSQL function inline_code_block") == true)
    }

    @Test("notices from RAISE reach the notice handler with their fields")
    func notices() throws {
        let connection = try connectToSharedServer()
        var received: [ServerMessage] = []
        connection.noticeHandler = { received.append($0) }
        try connection.execute(
            """
            do $$ begin
                raise notice 'hello %', 42;
                raise warning 'careful' using detail = 'some detail', hint = 'some hint', errcode = '01000';
            end $$
            """)
        #expect(received.map(\.severity) == ["NOTICE", "WARNING"])
        #expect(received.map(\.message) == ["hello 42", "careful"])
        #expect(received.first?.sqlstate == "00000")
        #expect(received.last?.detail == "some detail")
        #expect(received.last?.hint == "some hint")
        #expect(received.last?.context?.contains("PL/pgSQL") == true)
    }
}
