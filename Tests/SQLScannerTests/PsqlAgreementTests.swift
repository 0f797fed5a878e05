import Foundation
import PostgresClient
import SQLScanner
import Testing
import TestSupport

/// The scanner's statement boundaries agree with psql's: running a script statement by statement leaves the
/// same tables, rows and routines as `psql -f` running the whole file.
@Suite struct PsqlAgreementTests {
    static let scripts: [String] = [
        """
        CREATE TABLE t (id int PRIMARY KEY, v text);
        INSERT INTO t VALUES (1, 'a;b'), (2, 'it''s;'), (3, E'x\\';y\\\\'), (4, $$ ; ' " $$);
        INSERT INTO t VALUES (5, $tag$ $$ ; $tag$) /* c; /* nested; */ ' */ ;
        INSERT INTO t VALUES (6, 'é🙂;') -- trailing; comment '
        ;
        INSERT INTO t VALUES (7, U&'\\0061;'), (8, 'line
        break;');
        """,
        """
        CREATE TABLE "we;ird" ("a""b" int);
        INSERT INTO "we;ird" VALUES (1);;;
        CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT CASE WHEN true THEN 2 END; END;
        CREATE FUNCTION g() RETURNS text AS $body$
        BEGIN
          RETURN 'x;y';
        END;
        $body$ LANGUAGE plpgsql;
        CREATE TABLE r AS SELECT f() AS a, g() AS b;
        """,
        "CREATE TABLE c (a int, b text);\r\nCOPY c FROM stdin;\r\n1\tx;y\r\n2\t\\N\r\n\\.\r\nINSERT INTO c VALUES (3, 'z');\r\n",
        """
        CREATE TABLE n (x numeric, y varbit, z bytea);
        INSERT INTO n VALUES (1.5e3, B'01', '\\x3b'), (.5, X'3', 'a;b'::bytea);
        DO $$ BEGIN INSERT INTO n VALUES (2, B'11', NULL); END $$;
        CREATE VIEW nv AS SELECT x FROM n WHERE x > 1 -- ; in a comment
        ;
        """,
    ]

    /// The user tables' rows and the routines' definitions, as text.
    static func contents(of database: String) throws -> [String] {
        let connection = try TestServer.connect(database: database)
        defer { connection.close() }
        let tables = try connection.execute("""
            SELECT quote_ident(relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE nspname = 'public' AND relkind IN ('r', 'v') ORDER BY relname
            """).rows.compactMap { $0.first ?? nil }
        var result = tables
        for table in tables {
            let rows = try connection.execute("SELECT x::text FROM \(table) x ORDER BY 1").rows
            result += rows.map { "\(table): \($0.first.flatMap { $0 } ?? "NULL")" }
        }
        result += try connection.execute("""
            SELECT pg_get_functiondef(p.oid) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE nspname = 'public' ORDER BY proname
            """).rows.map { $0.first.flatMap { $0 } ?? "" }
        return result
    }

    @Test("statement by statement gives what psql -f gives", arguments: scripts.indices)
    func agreesWithPsql(index: Int) throws {
        let script = Self.scripts[index]
        let directory = try TemporaryDirectory()
        let file = try directory.write("script.sql", script)
        let byPsql = try TestServer.createDatabase(prefix: "psql")
        let psql = Process()
        psql.executableURL = URL(fileURLWithPath: try OutsideTool.require("/usr/bin/psql"))
        psql.arguments = ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", file, try TestServer.url(database: byPsql)]
        psql.standardOutput = FileHandle.nullDevice
        try psql.run()
        psql.waitUntilExit()
        #expect(psql.terminationStatus == 0)

        let byScanner = try TestServer.createDatabase(prefix: "scan")
        let connection = try TestServer.connect(database: byScanner)
        defer { connection.close() }
        for statement in try SQLScanner.statements(in: script, file: "script.sql") {
            if let data = statement.copyData {
                _ = try connection.copyIn(statement.text, data: data)
            } else {
                try connection.execute(statement.text)
            }
        }
        let expected = try Self.contents(of: byPsql)
        #expect(!expected.isEmpty)
        #expect(try Self.contents(of: byScanner) == expected)
    }
}
