import Diagnostics
import MigrationResults
import Migrator
import Testing

/// A transactional migration goes to PostgreSQL as one query (BEGIN, the file, its history row, COMMIT); a
/// failure must still point at the statement's own line and column, and leave nothing behind.
@Suite struct WholeTransactionTests {
    @Test("the file, its history row and COMMIT travel as one query")
    func oneQuery() throws {
        let project = try MigrationProject()
        try project.write("V1__q.sql", "CREATE TABLE q (text text);\nINSERT INTO q SELECT current_query();\n")
        try project.migrate()
        let query = try #require(try project.value("SELECT text FROM q"))
        #expect(query.hasPrefix("BEGIN;\nCREATE TABLE q (text text);\nINSERT INTO q SELECT current_query();"))
        #expect(query.contains("INSERT INTO \"public\".\"flyway_schema_history\""))
        #expect(query.hasSuffix("COMMIT"))
    }

    /// With `standard_conforming_strings = off` a backslash in a plain literal is an escape: a name ending in
    /// `\'` would end the literal early and run the rest of the name as SQL.
    @Test("history values inlined in the one query read the same with standard_conforming_strings off")
    func backslashesWithoutStandardStrings() throws {
        let project = try MigrationProject()
        project.options.schemas = ["app"]
        try project.connection.execute("CREATE TABLE public.keep (id int)")
        let forged = #"V1__x\');DROP TABLE public.keep;--.sql"#
        try project.write(forged, "SELECT 1;\n")
        try project.write(#"V2__back\slash.sql"#, "SELECT 2;\n")
        try project.connection.execute("SET standard_conforming_strings = off")
        try project.migrate()
        #expect(try project.value("SELECT to_regclass('public.keep')::text") == "public.keep")
        #expect(try project.history().dropFirst().map { $0[4] } == [forged, #"V2__back\slash.sql"#])
        #expect(try project.history().dropFirst().map { $0[2] } == [#"x\');DROP TABLE public.keep;--"#, #"back\slash"#])
        #expect(try project.migrator().validate(project.discovered()).isEmpty)
    }

    @Test("a syntax error stops the whole query: located by its position, after multibyte text")
    func syntaxError() throws {
        let project = try MigrationProject()
        try project.write("V1__a.sql", "CREATE TABLE a (note text DEFAULT 'é€😀');\n-- 😀 comment\nINSERT INTO a VALUES ('x');\n  SELEC 1;\n")
        let diagnostic = try #require(firstDiagnostic { try project.migrate() })
        #expect(diagnostic.code == "42601")
        #expect(diagnostic.location == SourceLocation(file: "db/migration/V1__a.sql", line: 4, column: 3))
        #expect(diagnostic.notes.contains("statement: SELEC 1"))
        #expect(try project.value("SELECT to_regclass('a')::text") == nil)
        #expect(try project.history().isEmpty)
        #expect(try project.value("SELECT 1") == "1")  // the session is usable: no transaction left open
    }

    @Test("an error without a position is found by counting the statements that completed")
    func runtimeErrorWithoutPosition() throws {
        let project = try MigrationProject()
        try project.write("V1__ok.sql", "CREATE TABLE ok (id int);")
        try project.write("V2__b.sql", "CREATE TABLE b (id int);\nINSERT INTO b VALUES (1);\nSELECT 1 / (SELECT count(*) - 1 FROM b);\nCREATE TABLE c (id int);\n")
        let diagnostic = try #require(firstDiagnostic { try project.migrate() })
        #expect(diagnostic.code == "22012")
        #expect(diagnostic.location == SourceLocation(file: "db/migration/V2__b.sql", line: 3, column: 1))
        #expect(try project.history().map { $0[4] } == ["V1__ok.sql"])
        #expect(try project.value("SELECT to_regclass('b')::text") == nil)
    }

    @Test("a deferred constraint that fails at COMMIT rolls the migration back and names its file")
    func failsAtCommit() throws {
        let project = try MigrationProject()
        try project.write("V1__parent.sql", "CREATE TABLE parent (id int PRIMARY KEY);")
        try project.write("V2__child.sql", """
            CREATE TABLE child (parent_id int REFERENCES parent DEFERRABLE INITIALLY DEFERRED);
            INSERT INTO child VALUES (42);
            """)
        let diagnostic = try #require(firstDiagnostic { try project.migrate() })
        #expect(diagnostic.code == "23503")
        #expect(diagnostic.location?.file == "db/migration/V2__child.sql")
        #expect(try project.history().map { $0[4] } == ["V1__parent.sql"])
        #expect(try project.value("SELECT to_regclass('child')::text") == nil)
    }

    @Test("a last statement without a semicolon, followed by a line comment, still runs")
    func trailingComment() throws {
        let project = try MigrationProject()
        try project.write("V1__a.sql", "CREATE TABLE a (id int);\nINSERT INTO a VALUES (7) -- no semicolon")
        try project.migrate()
        #expect(try project.value("SELECT id FROM a") == "7")
        #expect(try project.history().map { $0[4] } == ["V1__a.sql"])
    }

    @Test("execution_time is the server's time for the migration, not zero")
    func executionTime() throws {
        let project = try MigrationProject()
        try project.write("V1__slow.sql", "SELECT pg_sleep(0.06);")
        try project.migrate()
        let milliseconds = try #require(Int(try project.value("SELECT execution_time FROM flyway_schema_history") ?? ""))
        #expect(milliseconds >= 60)
        #expect(milliseconds < 5000)
    }

    @Test("a history table whose name holds $1 keeps its name, in a real run and in a dry run")
    func dollarInTableName() throws {
        let project = try MigrationProject()
        project.options.table = "log$1"
        try project.write("V1__a.sql", "CREATE TABLE a (id int);")
        try project.write("V2__b.sql", "CREATE TABLE b (id int);")
        project.options.plan.target = try .parse("1")
        try project.migrate()
        #expect(try project.value("SELECT script FROM \"log$1\"") == "V1__a.sql")
        project.options.plan.target = .latest
        project.options.dryRun = true
        let script = try #require(try project.migrate().dryRunScript)
        #expect(script.contains("INSERT INTO \"public\".\"log$1\""))
        #expect(script.contains("'V2__b.sql'"))
    }
}
