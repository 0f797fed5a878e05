import Diagnostics
import Foundation
import Migrations
import MigrationResults
import Migrator
import PostgresClient
import Testing
import TestSupport

@Suite struct MigrateTests {
    @Test("a fresh migrate writes Flyway's exact history rows")
    func freshMigrate() throws {
        let project = try MigrationProject()
        // The first file is a checksum vector from Flyway's own ChecksumCalculator.
        try project.write("V1__Create_t.sql", "CREATE TABLE t (id int);\n")
        try project.write("V1_1__Add_name.sql", "ALTER TABLE t ADD COLUMN name TEXT;")
        try project.write("R__t_view.sql", "CREATE OR REPLACE VIEW t_view AS SELECT id FROM t;")
        let result = try project.migrate()
        #expect(result.applied.map(\.script) == ["V1__Create_t.sql", "V1_1__Add_name.sql", "R__t_view.sql"])
        #expect(result.initialVersion == nil)
        #expect(result.finalVersion == "1.1")
        let rows = try project.history()
        #expect(rows.count == 3)
        #expect(rows[0] == ["1", "1", "Create t", "SQL", "V1__Create_t.sql", "92137680", "postgres", "t"])
        #expect(rows[1][0...5] == ["2", "1.1", "Add name", "SQL", "V1_1__Add_name.sql",
                                    String(Checksum.flyway("ALTER TABLE t ADD COLUMN name TEXT;"))])
        #expect(rows[2][0...4] == ["3", nil, "t view", "SQL", "R__t_view.sql"])
        #expect(try project.value("SELECT count(*) FROM t_view") == "0")
        #expect(project.events.contains(.createdHistoryTable("public.flyway_schema_history")))
    }

    @Test("the history table is byte for byte Flyway's: columns, default, constraint and index")
    func historyTableLayout() throws {
        let project = try MigrationProject()
        try project.write("V1__a.sql", "SELECT 1;")
        try project.migrate()
        let columns = try project.connection.execute("""
            SELECT column_name, data_type, character_maximum_length, is_nullable, column_default
            FROM information_schema.columns WHERE table_name = 'flyway_schema_history' ORDER BY ordinal_position
            """).rows
        #expect(columns == [
            ["installed_rank", "integer", nil, "NO", nil],
            ["version", "character varying", "50", "YES", nil],
            ["description", "character varying", "200", "NO", nil],
            ["type", "character varying", "20", "NO", nil],
            ["script", "character varying", "1000", "NO", nil],
            ["checksum", "integer", nil, "YES", nil],
            ["installed_by", "character varying", "100", "NO", nil],
            ["installed_on", "timestamp without time zone", nil, "NO", "now()"],
            ["execution_time", "integer", nil, "NO", nil],
            ["success", "boolean", nil, "NO", nil],
        ])
        let indexes = try project.connection.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'flyway_schema_history' ORDER BY 1").rows
        #expect(indexes == [["flyway_schema_history_pk"], ["flyway_schema_history_s_idx"]])
    }

    @Test("a second migrate with nothing pending applies nothing and changes nothing")
    func noOp() throws {
        let project = try MigrationProject()
        try project.write("V1__a.sql", "CREATE TABLE a (id int);")
        try project.migrate()
        let before = try project.history()
        let result = try project.migrate()
        #expect(result.applied.isEmpty)
        #expect(result.initialVersion == "1")
        #expect(try project.history() == before)
    }

    @Test("a failing transactional migration leaves no row and no partial schema, and points at its line")
    func failedRollsBack() throws {
        let project = try MigrationProject()
        try project.write("V1__ok.sql", "CREATE TABLE ok (id int);")
        try project.write("V2__bad.sql", "CREATE TABLE partial (id int);\n\nINSERT INTO partial\n  SELECT * FROM missing_table;\n")
        try project.write("V3__later.sql", "CREATE TABLE later (id int);")
        let diagnostic = try #require(firstDiagnostic { try project.migrate() })
        #expect(diagnostic.category == .migration)
        #expect(diagnostic.code == "42P01")
        #expect(diagnostic.location == SourceLocation(file: "db/migration/V2__bad.sql", line: 4, column: 17))
        #expect(diagnostic.message == "relation \"missing_table\" does not exist")
        #expect(diagnostic.notes.contains("applied before the failure: V1__ok.sql"))
        #expect(diagnostic.notes.contains("not applied: V2__bad.sql, V3__later.sql"))
        #expect(try project.history().map { $0[4] } == ["V1__ok.sql"])
        #expect(try project.value("SELECT to_regclass('partial')::text") == nil)
        // Fixed, the next run applies the rest.
        try project.write("V2__bad.sql", "CREATE TABLE partial (id int);")
        #expect(try project.migrate().applied.map(\.script) == ["V2__bad.sql", "V3__later.sql"])
    }

    @Test("a bad file on a fresh database changes nothing: no history table, no earlier migration applied")
    func badFileOnFreshDatabase() throws {
        let project = try MigrationProject()
        try project.write("V1__ok.sql", "CREATE TABLE ok (id int);")
        try project.write("V2__bad.sql", "CREATE TABLE bad (note text DEFAULT 'unterminated);")
        let diagnostic = try #require(firstDiagnostic { try project.migrate() })
        #expect(diagnostic.category == .input)
        #expect(diagnostic.location?.file == "db/migration/V2__bad.sql")
        #expect(try project.value("SELECT count(*) FROM pg_class WHERE relname IN ('ok', 'flyway_schema_history')") == "0")
    }

    @Test("an edited applied migration stops migrate with both checksums; repair realigns it")
    func checksumMismatch() throws {
        let project = try MigrationProject()
        try project.write("V1__a.sql", "CREATE TABLE a (id int);")
        try project.migrate()
        try project.write("V1__a.sql", "CREATE TABLE a (id bigint);")
        try project.write("V2__b.sql", "CREATE TABLE b (id int);")
        let problems = diagnostics(of: try #require(caught { try project.migrate() }))
        #expect(problems.first?.category == .validation)
        #expect(problems.first.map { "\($0)" }?.contains(String(Checksum.flyway("CREATE TABLE a (id bigint);"))) == true)
        #expect(try project.value("SELECT to_regclass('b')::text") == nil)
        _ = try project.migrator().repair(project.discovered())
        #expect(try project.history()[0][5] == String(Checksum.flyway("CREATE TABLE a (id bigint);")))
        #expect(try project.migrate().applied.map(\.script) == ["V2__b.sql"])
    }

    @Test("a changed repeatable runs again; an unchanged one does not")
    func repeatables() throws {
        let project = try MigrationProject()
        try project.write("R__v.sql", "CREATE OR REPLACE VIEW v AS SELECT 1 AS x;")
        try project.migrate()
        #expect(try project.migrate().applied.isEmpty)
        try project.write("R__v.sql", "CREATE OR REPLACE VIEW v AS SELECT 2 AS x;")
        #expect(try project.migrate().applied.map(\.script) == ["R__v.sql"])
        #expect(try project.value("SELECT x FROM v") == "2")
        #expect(try project.history().count == 2)
    }

    @Test("placeholders and Flyway's built-ins are replaced; a missing one names itself and the file")
    func placeholders() throws {
        let project = try MigrationProject()
        project.options.placeholders = ["owner": "etl_team"]
        try project.write("V1__p.sql", "CREATE TABLE p AS SELECT '${owner}' AS owner, '${flyway:user}' AS who, '${flyway:defaultSchema}' AS s;")
        try project.migrate()
        #expect(try project.connection.execute("SELECT owner, who, s FROM p").rows == [["etl_team", "postgres", "public"]])
        try project.write("V2__q.sql", "SELECT '${nobody_set_this}';")
        let problem = try #require(firstDiagnostic { try project.migrate() })
        #expect(problem.message.contains("nobody_set_this"))
        #expect(problem.location?.file.hasSuffix("V2__q.sql") == true)
        #expect(problem.location?.line == 1)
    }

    @Test("COPY FROM STDIN in a migration loads its data rows")
    func copyFromStdin() throws {
        let project = try MigrationProject()
        try project.write("V1__seed.sql", """
            CREATE TABLE seed (id int, name text);
            COPY seed (id, name) FROM STDIN;
            1\tone
            2\ttwo; with a semicolon
            \\.
            INSERT INTO seed VALUES (3, 'three');
            """)
        try project.migrate()
        #expect(try project.connection.execute("SELECT id, name FROM seed ORDER BY id").rows
            == [["1", "one"], ["2", "two; with a semicolon"], ["3", "three"]])
    }
}
