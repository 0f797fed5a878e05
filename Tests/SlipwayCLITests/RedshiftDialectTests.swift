import PostgresClient
import Testing
import TestSupport

/// The example project with Redshift's behaviours forced on the embedded PostgreSQL, and detection from a
/// Redshift version string.
@Suite struct RedshiftDialectTests {
    @Test("migrate --dialect redshift applies the example project and says which dialect it used")
    func migrate() throws {
        let project = try ExampleProject(.postgresql)
        let run = try project.run(["migrate", "--ephemeral", "--dialect", "redshift", "--verbose"])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stdout.contains("Applied 5 migrations"))
        #expect(run.output.contains("redshift (emulated on PostgreSQL 1"), "\(run.output)")
    }

    @Test("test --dialect redshift passes the example project: INSERT fixtures, one transaction per test")
    func test() throws {
        let project = try ExampleProject(.postgresql)
        let run = try project.run(["test", "--dialect", "redshift"])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stdout.contains("Tests: 7 passed, 0 failed, 0 errored, 0 skipped (3 suites,"))
        #expect(!run.output.contains("warning"), "\(run.output)")
        let report = try project.read("target/slipway-reports/TEST-schema.xml")
        #expect(report.contains("name=\"dialect\" value=\"redshift (emulated on PostgreSQL 1"), "\(report)")
    }

    // "You can't run ALTER TABLE on an external table within a transaction block" (r_ALTER_TABLE.html); the
    // statement is the ADD PARTITION example of r_ALTER_TABLE_external-table.html.
    @Test("migrate --dry-run --dialect redshift runs ALTER TABLE ... ADD PARTITION outside BEGIN/COMMIT")
    func addPartitionOutsideTransaction() throws {
        let project = try ExampleProject(.postgresql)
        try project.write("db/migration/V1_0_3__Partition.sql", """
            alter table spectrum.sales_part
            add if not exists partition(saledate='2008-01-01')
            location 's3://redshift-downloads/tickit/spectrum/sales_partition/saledate=2008-01/';

            """)
        let run = try project.run(["migrate", "--ephemeral", "--dialect", "redshift", "--dry-run"])
        #expect(run.status == 0, "\(run.output)")
        let start = try #require(run.stdout.range(of: "-- V1_0_3__Partition.sql"), "\(run.output)")
        let file = run.stdout[start.lowerBound...]
        let section = file.range(of: "\n-- R__").map { file[..<$0.lowerBound] } ?? file
        #expect(section.hasPrefix("-- V1_0_3__Partition.sql (runs outside a transaction)\n"), "\(section)")
        let alter = try #require(section.range(of: "alter table spectrum.sales_part"))
        // Every BEGIN before the statement is closed, and none follows it.
        let before = section[..<alter.lowerBound]
        #expect(before.components(separatedBy: "BEGIN;").count == before.components(separatedBy: "COMMIT;").count,
            "\(section)")
        #expect(!section[alter.lowerBound...].contains("BEGIN;"), "\(section)")
    }

    // Redshift folds quoted identifiers to lower case by default (r_names.html, enable_case_sensitive_identifier):
    // the history table and schema exist in lower case on the cluster, so that is where Slipway must look.
    @Test("a configured history table and schema with capitals are kept in lower case and found on the second run")
    func foldedHistoryNames() throws {
        let project = try ExampleProject(.postgresql)
        let database = try TestServer.createDatabase(prefix: "cli")
        let url = try TestServer.url(database: database)
        let arguments = ["migrate", "--url", url, "--dialect", "redshift", "--table", "Flyway_History", "--schemas", "App"]
        let first = try project.run(arguments)
        #expect(first.status == 0, "\(first.output)")
        let connection = try TestServer.connect(database: database)
        defer { connection.close() }
        let tables = try connection.execute("""
            SELECT n.nspname || '.' || c.relname FROM pg_catalog.pg_class c
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relname ILIKE 'flyway_history'
            """).rows.map { $0.first ?? nil }
        #expect(tables == ["app.flyway_history"])
        let second = try project.run(arguments)
        #expect(second.status == 0, "\(second.output)")
        #expect(second.stdout.contains("No migration necessary"), "\(second.output)")
    }

    // Redshift's VARCHAR(200) counts bytes (r_Character_types.html); Flyway cuts descriptions at 200 characters.
    @Test("a description of 101 two-byte characters is stored in at most 200 bytes and validates on the next run")
    func multibyteDescription() throws {
        let project = try ExampleProject(.postgresql)
        try project.write("db/migration/V1_0_3__\(String(repeating: "é", count: 101)).sql", "SELECT 1;\n")
        let database = try TestServer.createDatabase(prefix: "cli")
        let url = try TestServer.url(database: database)
        let first = try project.run(["migrate", "--url", url, "--dialect", "redshift"])
        #expect(first.status == 0, "\(first.output)")
        let connection = try TestServer.connect(database: database)
        defer { connection.close() }
        let stored = try connection.execute(
            "SELECT description FROM flyway_schema_history WHERE version = '1.0.3'").rows.first?.first ?? nil
        #expect(stored == String(repeating: "é", count: 98) + "...")
        let second = try project.run(["validate", "--url", url, "--dialect", "redshift"])
        #expect(second.status == 0, "\(second.output)")
    }

    @Test("a server whose version() says Redshift is detected as Redshift")
    func detection() throws {
        let database = try TestServer.createDatabase(prefix: "fake_redshift")
        let admin = try TestServer.connect(database: database)
        defer { admin.close() }
        try admin.execute("""
            CREATE SCHEMA fake;
            CREATE FUNCTION fake.version() RETURNS text LANGUAGE sql
                AS $$ SELECT 'PostgreSQL 8.0.2 on i686-pc-linux-gnu, compiled by GCC gcc (GCC) 3.4.2 20041017 (Red Hat 3.4.2-6.fc3), Redshift 1.0.77467' $$;
            """)
        let url = try TestServer.url(database: database) + "&options=-c%20search_path%3Dfake,pg_catalog"
        let project = try ExampleProject(.postgresql)
        // info reads only: it never sends the Redshift-only history DDL that this PostgreSQL would reject.
        let run = try project.run(["info", "--url", url])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stdout.contains("Schema history: fake.flyway_schema_history on redshift\n"))
        #expect(run.stdout.contains("Server: PostgreSQL 8.0.2 on i686-pc-linux-gnu"))
        let plain = try project.run(["info", "--url", TestServer.url(database: database)])
        #expect(plain.stdout.contains("on postgresql\n"), "\(plain.output)")
    }
}
