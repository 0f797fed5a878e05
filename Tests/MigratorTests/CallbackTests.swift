import Diagnostics
import Migrations
import MigrationResults
import Migrator
import Testing
import TestSupport

@Suite struct CallbackTests {
    /// A project whose callbacks each append their file name to `audit.log`, which lives outside the managed
    /// schema so the schema counts as empty.
    private func project(events: [String]) throws -> MigrationProject {
        let project = try MigrationProject()
        try project.connection.execute("CREATE SCHEMA audit; CREATE TABLE audit.log (seq serial, entry text)")
        for event in events {
            try project.write("\(event).sql", "INSERT INTO audit.log (entry) VALUES ('${flyway:filename}');\n")
        }
        return project
    }

    private func log(_ project: MigrationProject) throws -> [String] {
        try project.connection.execute("SELECT entry FROM audit.log ORDER BY seq").rows.map {
            String(($0[0] ?? "").dropLast(4))
        }
    }

    @Test("migrate fires its callbacks in Flyway's order, several per event in name order")
    func migrateOrder() throws {
        let project = try project(events: [
            "beforeValidate", "afterValidate", "beforeMigrate", "beforeMigrate__second", "beforeEachMigrate",
            "afterEachMigrate", "afterVersioned", "beforeRepeatables", "afterMigrateApplied", "afterMigrate",
            "afterMigrateError", "afterEachMigrateError", "beforeInfo",
        ])
        try project.write("V1__a.sql", "CREATE TABLE a (id int);")
        try project.write("V2__b.sql", "CREATE TABLE b (id int);")
        try project.write("R__r.sql", "CREATE OR REPLACE VIEW r AS SELECT 1 AS one;")
        try project.migrate()
        #expect(try log(project) == [
            "beforeValidate", "afterValidate", "beforeMigrate", "beforeMigrate__second",
            "beforeEachMigrate", "afterEachMigrate", "beforeEachMigrate", "afterEachMigrate",
            "afterVersioned", "beforeRepeatables", "beforeEachMigrate", "afterEachMigrate",
            "afterMigrateApplied", "afterMigrate",
        ])
        // Nothing pending: afterMigrateApplied stays silent.
        try project.connection.execute("TRUNCATE audit.log")
        try project.migrate()
        #expect(try log(project) == [
            "beforeValidate", "afterValidate", "beforeMigrate", "beforeMigrate__second", "afterVersioned", "afterMigrate",
        ])
    }

    @Test("each-migrate callbacks share the migration's transaction; the error callbacks run after the rollback")
    func failure() throws {
        let project = try project(events: [
            "beforeEachMigrate", "afterEachMigrate", "afterEachMigrateError", "afterMigrateError", "afterMigrate",
        ])
        try project.write("V1__a.sql", "CREATE TABLE a (id int);")
        try project.write("V2__bad.sql", "CREATE TABLE b (id int);\nSELECT * FROM missing;")
        let diagnostic = try #require(firstDiagnostic { try project.migrate() })
        #expect(diagnostic.location?.file == "db/migration/V2__bad.sql")
        // V2's beforeEachMigrate row was rolled back with V2.
        #expect(try log(project) == ["beforeEachMigrate", "afterEachMigrate", "afterEachMigrateError", "afterMigrateError"])
    }

    @Test("a failing callback is a diagnostic at its own file and line, and stops the run")
    func failingCallback() throws {
        let project = try MigrationProject()
        try project.write("beforeMigrate__check.sql", "SELECT 1;\n\nSELECT no_such_column FROM pg_class;\n")
        try project.write("V1__a.sql", "CREATE TABLE a (id int);")
        let diagnostic = try #require(firstDiagnostic { try project.migrate() })
        #expect(diagnostic.location == SourceLocation(file: "db/migration/beforeMigrate__check.sql", line: 3, column: 8))
        #expect(diagnostic.hint == "fix the callback beforeMigrate__check.sql and run the command again")
        #expect(try project.value("SELECT count(*) FROM pg_class WHERE relname = 'a'") == "0")
    }

    @Test("undo, info, validate, baseline and repair fire their own callbacks")
    func otherCommands() throws {
        let project = try project(events: [
            "beforeUndo", "beforeEachUndo", "afterEachUndo", "afterUndo", "beforeInfo", "afterInfo",
            "beforeRepair", "afterRepair", "beforeBaseline", "afterBaseline",
        ])
        try project.write("V1__a.sql", "CREATE TABLE a (id int);")
        try project.write("U1__a.sql", "DROP TABLE a;")
        try project.migrator().baseline(project.discovered())
        project.options.plan.baselineVersion = try .parse("0")
        try project.connection.execute("TRUNCATE audit.log")
        try project.connection.execute("DELETE FROM flyway_schema_history")
        try project.migrate()
        _ = try project.migrator().undo(project.discovered())
        _ = try project.migrator().info(project.discovered(), serverVersion: "")
        _ = try project.migrator().repair(project.discovered())
        #expect(try log(project) == [
            "beforeUndo", "beforeEachUndo", "afterEachUndo", "afterUndo", "beforeInfo", "afterInfo",
            "beforeRepair", "afterRepair",
        ])
    }

    @Test("baseline fires beforeBaseline and afterBaseline around its row")
    func baseline() throws {
        let project = try project(events: ["beforeBaseline", "afterBaseline", "beforeValidate", "afterValidate"])
        #expect(try project.migrator().baseline(project.discovered()) == "1")
        _ = try project.migrator().validate(project.discovered())
        #expect(try log(project) == ["beforeBaseline", "afterBaseline", "beforeValidate", "afterValidate"])
    }
}
