import Diagnostics
import Migrations
import MigrationResults
import Migrator
import Testing
import TestSupport

@Suite struct UndoTests {
    /// Three versions, the upper two with undo files.
    private func project() throws -> MigrationProject {
        let project = try MigrationProject()
        try project.write("V1__base.sql", "CREATE TABLE base (id int);")
        try project.write("V2__items.sql", "CREATE TABLE items (id int PRIMARY KEY, name text);\nCREATE INDEX items_name ON items (name);")
        try project.write("U2__items.sql", "DROP TABLE items;")
        try project.write("V3__price.sql", "ALTER TABLE items ADD COLUMN price numeric(10, 2) DEFAULT 0;\nCREATE VIEW priced AS SELECT * FROM items;")
        try project.write("U3__price.sql", "DROP VIEW priced;\nALTER TABLE items DROP COLUMN price;")
        return project
    }

    /// Migrates to `version`, dumps the schema, then migrates to the latest version; returns the dump.
    private func schema(at version: String, _ project: MigrationProject) throws -> String {
        project.options.plan.target = try .parse(version)
        try project.migrate()
        let schema = try PostgresTools.schema(of: project.database)
        project.options.plan.target = .latest
        try project.migrate()
        #expect(try PostgresTools.schema(of: project.database) != schema)
        return schema
    }

    @Test("repair for Flyway Community removes the UNDO_SQL rows; the undone version is pending and applies again")
    func handBackToCommunity() throws {
        let project = try project()
        try project.migrate()
        _ = try project.migrator().undo(project.discovered())
        let result = try project.migrator().repair(project.discovered(), forFlywayCommunity: true)
        #expect(result.removedForCommunity == ["V3__price.sql", "U3__price.sql"])
        #expect(try project.history().map { $0[3] } == ["SQL", "SQL"])
        let info = try project.migrator().info(project.discovered(), serverVersion: "")
        #expect(info.entries.first { $0.version?.description == "3" && $0.category == .versioned }?.state == .pending)
        #expect(try project.migrate().applied.map(\.script) == ["V3__price.sql"])
        #expect(try project.migrator().validate(project.discovered()).isEmpty)
    }

    @Test("undo restores the schema the previous version had and records an UNDO_SQL row")
    func undoLatest() throws {
        let project = try project()
        let atVersion2 = try schema(at: "2", project)

        let result = try project.migrator().undo(project.discovered())
        #expect(result.applied.map(\.script) == ["U3__price.sql"])
        #expect(result.applied.map(\.type) == ["UNDO_SQL"])
        #expect(result.initialVersion == "3")
        #expect(result.finalVersion == "2")
        #expect(try PostgresTools.schema(of: project.database) == atVersion2)
        let last = try #require(try project.history().last)
        #expect(last == ["4", "3", "price", "UNDO_SQL", "U3__price.sql",
                         String(Checksum.flyway("DROP VIEW priced;\nALTER TABLE items DROP COLUMN price;")), "postgres", "t"])

        let info = try project.migrator().info(project.discovered(), serverVersion: "")
        #expect(info.entries.map(\.state) == [.success, .success, .undone, .pending])
        #expect(info.entries.map(\.undoable) == ["No", "Yes", "", "No"])
        #expect(info.currentVersion == "2")

        // migrate applies the undone version again.
        #expect(try project.migrate().applied.map(\.script) == ["V3__price.sql"])
        #expect(try project.value("SELECT count(*) FROM priced") == "0")
    }

    @Test("undo with a target undoes every version above it, newest first")
    func undoToTarget() throws {
        let project = try project()
        let atVersion1 = try schema(at: "1", project)
        project.options.plan.target = try .parse("1")
        let result = try project.migrator().undo(project.discovered())
        #expect(result.applied.map(\.script) == ["U3__price.sql", "U2__items.sql"])
        #expect(result.finalVersion == "1")
        #expect(try PostgresTools.schema(of: project.database) == atVersion1)
        #expect(try project.history().map { $0[3] } == ["SQL", "SQL", "SQL", "UNDO_SQL", "UNDO_SQL"])
    }

    @Test("a version without an undo file is refused by name, and nothing is undone")
    func missingUndoFile() throws {
        let project = try project()
        try project.write("V4__more.sql", "CREATE TABLE more (id int);")
        try project.write("V5__most.sql", "CREATE TABLE most (id int);")
        try project.migrate()
        let before = try project.history()
        project.options.plan.target = try .parse("2")
        let error = try #require(caught { _ = try project.migrator().undo(project.discovered()) })
        let problems = diagnostics(of: error)
        #expect(problems.map(\.code) == ["no-undo-file", "no-undo-file"])
        #expect(problems[0].message == "version 5 (V5__most.sql) cannot be undone: it has no undo file")
        #expect(problems[1].message.hasPrefix("version 4 (V4__more.sql)"))
        #expect(problems[0].hint?.contains("U5__most.sql") == true)
        #expect(try project.history() == before)
        #expect(try project.value("SELECT count(*) FROM priced") == "0")
    }

    @Test("a failing undo rolls back with its row and names the undo file's line")
    func failingUndo() throws {
        let project = try project()
        try project.migrate()
        try project.write("U3__price.sql", "DROP VIEW priced;\nALTER TABLE items DROP COLUMN nope;")
        let diagnostic = try #require(firstDiagnostic { _ = try project.migrator().undo(project.discovered()) })
        #expect(diagnostic.location == SourceLocation(file: "db/migration/U3__price.sql", line: 2, column: 1))
        #expect(diagnostic.notes.contains("not undone: U3__price.sql"))
        #expect(try project.history().count == 3)
        #expect(try project.value("SELECT count(*) FROM priced") == "0")
    }

    @Test("undo on a database with nothing applied does nothing")
    func nothingToUndo() throws {
        let project = try project()
        let result = try project.migrator().undo(project.discovered())
        #expect(result.applied.isEmpty)
    }
}
