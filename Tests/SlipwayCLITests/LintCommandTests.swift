import Foundation
import Testing
import TestSupport

/// `slipway lint`: findings in pending migrations only, exit 6 at or above --fail-on.
@Suite struct LintCommandTests {
    @Test("the example project is clean: exit 0 and a summary")
    func exampleIsClean() throws {
        let project = try ExampleProject(.postgresql)
        let run = try project.run(["lint", "--fail-on", "warning"])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stdout.contains("lint: 0 errors, 0 warnings in 5 pending migrations"), "\(run.stdout)")
    }

    @Test("a warning exits 0 by default and 6 with --fail-on warning; an error exits 6")
    func exitCodes() throws {
        let project = try ExampleProject(.postgresql)
        try project.write("db/migration/V1_0_3__Index.sql", "CREATE INDEX orders_amount ON orders (amount);\n")
        let warning = try project.run(["lint"])
        #expect(warning.status == 0, "\(warning.output)")
        #expect(warning.stdout.contains(
            "db/migration/V1_0_3__Index.sql:1:1: warning: CREATE INDEX without CONCURRENTLY blocks writes to the table "
                + "while the index builds [create-index-not-concurrently]"), "\(warning.stdout)")
        #expect(try project.run(["lint", "--fail-on", "warning"]).status == 6)

        try project.write("db/migration/V1_0_4__Drop.sql", "\nALTER TABLE products\n  DROP COLUMN close_date;\n")
        let error = try project.run(["lint"])
        #expect(error.status == 6, "\(error.output)")
        #expect(error.stdout.contains("db/migration/V1_0_4__Drop.sql:2:1: error:"))
        #expect(error.stdout.contains("[drop-column]"))

        try project.write("db/migration/V1_0_4__Drop.sql", "-- slipway:lint-ignore drop-column\nALTER TABLE products DROP COLUMN close_date;\n")
        // The drop is silenced; what still fails is plpgsql_check's finding that the procedure uses the column.
        let silenced = try project.run(["lint"])
        #expect(!silenced.stdout.contains("[drop-column]"), "\(silenced.output)")
        #expect(silenced.stdout.contains("R__merge_staged_products.sql"), "\(silenced.output)")
        #expect(silenced.stdout.contains("column \"close_date\" of relation \"products\" does not exist [42703]"), "\(silenced.output)")
    }

    @Test("applied migrations are not linted, but an applied one whose file changed is an error")
    func appliedMigrations() throws {
        let project = try ExampleProject(.postgresql)
        let url = try TestServer.url(database: TestServer.createDatabase(prefix: "lint"))
        try project.write("db/migration/V1_0_3__Drop.sql", "DROP TABLE products_staging;\n")
        let migrate = try project.run(["migrate", "--url", url])
        try #require(migrate.status == 0, "\(migrate.output)")
        let clean = try project.run(["lint", "--url", url, "--fail-on", "warning"])
        #expect(clean.stdout.contains("lint: 0 errors, 0 warnings in 0 pending migrations"), "\(clean.output)")
        // Not a lint finding but plpgsql_check's: the procedure still reads the dropped table.
        #expect(clean.stdout.contains("relation \"products_staging\" does not exist [42P01]"), "\(clean.output)")

        try project.write("db/migration/V1_0_0__Users.sql", "CREATE TABLE users (id int);\n")
        let changed = try project.run(["lint", "--url", url])
        #expect(changed.status == 6, "\(changed.output)")
        #expect(changed.stdout.contains("db/migration/V1_0_0__Users.sql:1:1: error:"))
        #expect(changed.stdout.contains("[changed-applied-migration]"))
    }

    @Test("--fail-on takes warning or error only")
    func badLevel() throws {
        let project = try ExampleProject(.postgresql)
        #expect(try project.run(["lint", "--fail-on", "note"]).status == 64)
    }
}
