import Foundation
import Migrations
import MigrationResults
import Migrator
import PostgresClient
import Testing
import TestSupport

@Suite struct DryRunTests {
    /// Migrations with every shape the script must carry: placeholders, COPY data, a file outside a transaction,
    /// quotes in history values, a repeatable, and callbacks.
    private func project() throws -> MigrationProject {
        let project = try MigrationProject()
        project.options.placeholders = ["owner": "ops"]
        try project.write("V1__Create_t.sql", "CREATE TABLE t (id int PRIMARY KEY, note text DEFAULT '${owner}');\n")
        try project.write("V1_1__Load_t.sql", "COPY t (id, note) FROM STDIN;\n1\tone\n2\t\\N\n\\.\nINSERT INTO t VALUES (3, 'x;y');\n")
        try project.write("V2__Index_t.sql", "CREATE INDEX CONCURRENTLY t_note ON t (note);\n")
        try project.write("V3__Don't_panic.sql", "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$;\n")
        try project.write("R__v.sql", "CREATE OR REPLACE VIEW v AS SELECT id FROM t;\n")
        try project.write("beforeMigrate.sql", "CREATE TABLE IF NOT EXISTS log (event text);\n")
        try project.write("afterEachMigrate.sql", "INSERT INTO log VALUES ('${flyway:filename}');\n")
        return project
    }

    private func history(_ project: MigrationProject) throws -> [[String?]] {
        try project.history()
    }

    @Test("the dry-run script, run by psql on the untouched database, gives the schema and history migrate gives")
    func equivalence() throws {
        let dry = try project()
        dry.options.dryRun = true
        let result = try dry.migrator().migrate(dry.discovered())
        let script = try #require(result.dryRunScript)
        // Nothing was touched: no table, not even the history table.
        #expect(try dry.value("SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace") == "0")
        #expect(result.applied.map(\.script) == ["V1__Create_t.sql", "V1_1__Load_t.sql", "V2__Index_t.sql", "V3__Don't_panic.sql", "R__v.sql"])
        try PostgresTools.runScript(script, database: dry.database)

        let real = try project()
        try real.migrate()
        #expect(try PostgresTools.schema(of: dry.database) == PostgresTools.schema(of: real.database))
        #expect(try dry.history() == real.history())
        let data = "SELECT string_agg(id || ':' || coalesce(note, 'NULL'), ',' ORDER BY id) FROM t"
        #expect(try dry.value(data) == "1:one,2:NULL,3:x;y")
        #expect(try dry.value(data) == real.value(data))
        let log = "SELECT string_agg(event, ',') FROM log"
        #expect(try dry.value(log) == real.value(log))
    }

    @Test("the script shows transaction boundaries, files outside a transaction, COPY data and literal history values")
    func scriptShape() throws {
        let project = try project()
        project.options.dryRun = true
        let script = try #require(try project.migrator().migrate(project.discovered()).dryRunScript)
        #expect(script.contains("\\set ON_ERROR_STOP on\n"))
        // Outside a transaction the file's row goes in first, as failed, and is marked successful after it ran;
        // the each-migrate callback gets a transaction of its own.
        #expect(script.contains("'2', 'Index t', 'SQL', 'V2__Index_t.sql'"))
        #expect(script.contains(
            "'false', '0';\nCREATE INDEX CONCURRENTLY t_note ON t (note);\n\n"
                + "-- callback afterEachMigrate.sql\nBEGIN;\nINSERT INTO log VALUES ('afterEachMigrate.sql');\nCOMMIT;\n"
                + "UPDATE \"public\".\"flyway_schema_history\" SET success = true"))
        #expect(script.contains("COPY t (id, note) FROM STDIN;\n1\tone\n2\t\\N\n\\.\nINSERT INTO t VALUES (3, 'x;y');\n"))
        #expect(script.contains("DEFAULT 'ops'"))
        #expect(script.contains("'3', 'Don''t panic', 'SQL', 'V3__Don''t_panic.sql'"))
        // Inside a transactional migration, the callback runs in the migration's transaction, before its row.
        #expect(script.contains("note text DEFAULT 'ops');\n\n-- callback afterEachMigrate.sql\nINSERT INTO log VALUES ('afterEachMigrate.sql');\nINSERT INTO"))
        let v1 = try #require(script.range(of: "-- V1__Create_t.sql\nBEGIN;\n"))
        let commit = try #require(script.range(of: "COMMIT;\n", range: v1.upperBound..<script.endIndex))
        #expect(script[v1.upperBound..<commit.lowerBound].contains("INSERT INTO \"public\".\"flyway_schema_history\""))
    }

    @Test("a dry run on a migrated database shows only what is pending and changes nothing")
    func pendingOnly() throws {
        let project = try project()
        project.options.plan.target = try .parse("1.1")
        try project.migrate()
        let before = try project.history()
        project.options.plan.target = .latest
        project.options.dryRun = true
        let result = try project.migrator().migrate(project.discovered())
        let script = try #require(result.dryRunScript)
        #expect(!script.contains("CREATE TABLE \"public\".\"flyway_schema_history\""))
        #expect(!script.contains("V1__Create_t.sql\n"))
        #expect(script.contains("-- V2__Index_t.sql"))
        #expect(try project.history() == before)
        #expect(try project.value("SELECT count(*) FROM pg_proc WHERE proname = 'f'") == "0")
    }

    @Test("undo's dry run shows the undo files and UNDO_SQL rows, and undoes nothing")
    func undoDryRun() throws {
        let project = try MigrationProject()
        try project.write("V1__a.sql", "CREATE TABLE a (id int);")
        try project.write("U1__a.sql", "DROP TABLE a;")
        try project.migrate()
        project.options.dryRun = true
        let script = try #require(try project.migrator().undo(project.discovered()).dryRunScript)
        #expect(script.contains("-- U1__a.sql\nBEGIN;\nDROP TABLE a;\nINSERT INTO"))
        #expect(script.contains("'1', 'a', 'UNDO_SQL', 'U1__a.sql'"))
        #expect(try project.history().count == 1)
        try PostgresTools.runScript(script, database: project.database)
        #expect(try project.history().map { $0[3] } == ["SQL", "UNDO_SQL"])
        #expect(try project.value("SELECT count(*) FROM pg_class WHERE relname = 'a'") == "0")
    }
}
