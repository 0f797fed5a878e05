import Foundation
import PostgresClient
@testable import SchemaDump
import Testing
import TestSupport

@Suite struct SchemaDumperTests {
    static func parameters(_ database: String) throws -> [String: String] {
        Dictionary(try TestServer.parameters(database: database).map { ($0.key, $0.value) }) { _, last in last }
    }

    static func serverMajor() throws -> Int {
        let connection = try TestServer.connect()
        defer { connection.close() }
        let number = try connection.execute("SHOW server_version_num").rows.first?.first ?? nil
        return (Int(number ?? "") ?? 0) / 10000
    }

    @Test("dumps only the named schemas, the same text every run, without versions or owners")
    func dumpsStably() throws {
        let database = try TestServer.createDatabase(prefix: "dump")
        let connection = try TestServer.connect(database: database)
        defer { connection.close() }
        try connection.execute("""
            CREATE SCHEMA app; CREATE SCHEMA other;
            CREATE TABLE app.orders (id int PRIMARY KEY, note text);
            CREATE VIEW app.open_orders AS SELECT id FROM app.orders;
            CREATE TABLE other.hidden (id int);
            """)
        let tool = try PgDump.locate(environment: ProcessInfo.processInfo.environment, serverMajor: Self.serverMajor())
        // The test process's own PG* variables must not leak into the child: the parameters win.
        var environment = ProcessInfo.processInfo.environment
        environment["PGDATABASE"] = "no_such_database"
        let first = try SchemaDumper.dump(with: tool, parameters: Self.parameters(database), schemas: ["app"], environment: environment)
        let second = try SchemaDumper.dump(with: tool, parameters: Self.parameters(database), schemas: ["app"], environment: environment)
        #expect(first == second)
        #expect(first.contains("CREATE TABLE app.orders"))
        #expect(first.contains("CREATE VIEW app.open_orders"))
        #expect(!first.contains("hidden"))
        #expect(!first.contains("Dumped from") && !first.contains("Dumped by") && !first.contains("\\restrict"))
        #expect(!first.contains("OWNER TO"))
    }

    @Test("volatile lines are dropped and blank lines squeezed")
    func stableText() {
        let raw = "--\n-- Dumped from database version 15.1\n-- Dumped by pg_dump version 15.1\n\n\n\\restrict abc\nSET x = 1;\n\n\\unrestrict abc\n\n"
        #expect(SchemaDumper.stable(raw) == "--\n\nSET x = 1;\n")
    }

    @Test("a connection parameter pg_dump cannot take from its environment is refused")
    func unknownParameter() throws {
        let tool = try PgDump.locate(environment: ProcessInfo.processInfo.environment, serverMajor: Self.serverMajor())
        #expect(throws: (any Error).self) {
            try SchemaDumper.dump(with: tool, parameters: ["keepalives": "1"], schemas: ["public"], environment: [:])
        }
    }

    @Test("a missing pg_dump names the Debian package")
    func missing() throws {
        let directory = try TemporaryDirectory()
        do {
            _ = try PgDump.locate(environment: ["SLIPWAY_PG_BIN": directory.path], serverMajor: 15)
            Issue.record("expected an error")
        } catch {
            #expect(error.code == "no-pg-dump")
            #expect(error.hint?.contains("postgresql-client-15") == true)
        }
    }

    @Test("a pg_dump older than the server is refused, naming the package to install")
    func tooOld() throws {
        let directory = try TemporaryDirectory()
        try directory.write("pg_dump", "#!/bin/sh\necho 'pg_dump (PostgreSQL) 9.6.24'\n")
        chmod(directory.path + "/pg_dump", 0o755)
        do {
            _ = try PgDump.locate(environment: ["SLIPWAY_PG_BIN": directory.path], serverMajor: 15)
            Issue.record("expected an error")
        } catch {
            #expect(error.code == "old-pg-dump")
            #expect(error.message.contains("version 9, older than the server (15)"))
            #expect(error.hint?.contains("postgresql-client-15") == true)
        }
        #expect(try PgDump.locate(environment: ["SLIPWAY_PG_BIN": directory.path], serverMajor: 9).major == 9)
    }
}
