import Foundation
import Migrations
import MigrationResults
@testable import Migrator
import Testing

@Suite struct CleanTests {
    /// One of each kind of object clean must drop, with dependencies between them.
    static let everyKind = """
        CREATE TYPE mood AS ENUM ('happy', 'sad');
        CREATE TYPE pair AS (a int, b int);
        CREATE DOMAIN positive AS int CHECK (VALUE > 0);
        CREATE SEQUENCE invoice_numbers;
        CREATE TABLE people (id serial PRIMARY KEY, feeling mood, age positive);
        CREATE TABLE pets (id int PRIMARY KEY, owner int REFERENCES people (id));
        CREATE VIEW happy_people AS SELECT * FROM people WHERE feeling = 'happy';
        CREATE MATERIALIZED VIEW pet_counts AS SELECT owner, count(*) FROM pets GROUP BY owner;
        CREATE FUNCTION add_one(x int) RETURNS int LANGUAGE sql AS 'SELECT x + 1';
        CREATE PROCEDURE noop() LANGUAGE sql AS 'SELECT 1';
        CREATE AGGREGATE total(int) (SFUNC = int4pl, STYPE = int);
        CREATE COLLATION german (provider = libc, locale = 'C');
        """

    /// The objects left in a schema (relations, routines, types that are not row types or arrays, collations).
    static func objectCount(_ project: MigrationProject, schema: String) throws -> Int {
        Int(try project.value("""
            SELECT (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '\(schema)')
                 + (SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = '\(schema)')
                 + (SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                    WHERE n.nspname = '\(schema)' AND t.typtype IN ('d', 'e', 'r', 'c', 'b'))
                 + (SELECT count(*) FROM pg_collation o JOIN pg_namespace n ON n.oid = o.collnamespace WHERE n.nspname = '\(schema)')
            """) ?? "") ?? -1
    }

    @Test("clean empties a schema that existed before, keeps the schema, and migrate works again")
    func emptiesExistingSchema() throws {
        let project = try MigrationProject()
        try project.write("V1__Everything.sql", Self.everyKind)
        try project.migrate()
        #expect(try Self.objectCount(project, schema: "public") > 10)

        let result = try project.migrator().clean()
        #expect(result.emptiedSchemas == ["public"])
        #expect(result.droppedSchemas.isEmpty)
        #expect(try Self.objectCount(project, schema: "public") == 0)
        #expect(try project.value("SELECT count(*) FROM pg_namespace WHERE nspname = 'public'") == "1")

        let again = try project.migrate()
        #expect(again.applied.map(\.script) == ["V1__Everything.sql"])
        #expect(try project.history().count == 1)
    }

    @Test("clean drops the schemas migrate created, as Flyway does, and migrate recreates them")
    func dropsCreatedSchemas() throws {
        let project = try MigrationProject()
        project.options.schemas = ["app", "audit"]
        try project.write("V1__Tables.sql", "CREATE TABLE app.t (id int);\nCREATE TABLE audit.log (id int);\n")
        try project.migrate()

        let result = try project.migrator().clean()
        #expect(result.droppedSchemas == ["app", "audit"])
        #expect(try project.value("SELECT count(*) FROM pg_namespace WHERE nspname IN ('app', 'audit')") == "0")

        try project.migrate()
        #expect(try project.value("SELECT count(*) FROM app.t") == "0")
    }

    @Test("objects of an extension are left to the extension's own DROP")
    func extensionObjects() throws {
        let project = try MigrationProject()
        try project.write("V1__Extension.sql", "CREATE EXTENSION pg_trgm SCHEMA public;\nCREATE TABLE words (w text);\n")
        let available = try project.value("SELECT count(*) FROM pg_available_extensions WHERE name = 'pg_trgm'") == "1"
        try #require(available, "pg_trgm is part of postgresql-contrib, installed with the server")
        try project.migrate()
        _ = try project.migrator().clean()
        #expect(try Self.objectCount(project, schema: "public") == 0)
        #expect(try project.value("SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'") == "0")
    }

    @Test("the schema-creation row's names are read back, quotes undone", arguments: [
        ("\"app\"", ["app"]), ("\"a\",\"b\"", ["a", "b"]), ("\"we\"\"ird\"", ["we\"ird"]),
    ])
    func createdSchemaNames(script: String, names: [String]) {
        let row = AppliedMigration(
            installedRank: 0, version: nil, description: "<< Flyway Schema Creation >>", type: HistoryType.schema,
            script: script, checksum: nil)
        #expect(Migrator.createdSchemas(in: [row]) == Set(names))
    }
}
