import PostgresClient
import Testing
import TestSupport

/// The example project with Redshift's behaviours forced on the embedded PostgreSQL, and detection from a
/// Redshift version string.
@Suite struct RedshiftDialectTests {
    @Test("migrate --dialect redshift applies the example project and says which dialect it used")
    func migrate() throws {
        let project = try ExampleProject()
        let run = try project.run(["migrate", "--ephemeral", "--dialect", "redshift", "--verbose"])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stdout.contains("Applied 5 migrations"))
        #expect(run.output.contains("redshift (emulated on PostgreSQL 1"), "\(run.output)")
    }

    @Test("test --dialect redshift passes the example project: INSERT fixtures, one transaction per test")
    func test() throws {
        let project = try ExampleProject()
        let run = try project.run(["test", "--dialect", "redshift"])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stdout.contains("Tests: 7 passed, 0 failed, 0 errored, 0 skipped (3 suites,"))
        #expect(!run.output.contains("warning"), "\(run.output)")
        let report = try project.read("target/slipway-reports/TEST-schema.xml")
        #expect(report.contains("name=\"dialect\" value=\"redshift (emulated on PostgreSQL 1"), "\(report)")
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
        let project = try ExampleProject()
        // info reads only: it never sends the Redshift-only history DDL that this PostgreSQL would reject.
        let run = try project.run(["info", "--url", url])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stdout.contains("Schema history: fake.flyway_schema_history on redshift\n"))
        #expect(run.stdout.contains("Server: PostgreSQL 8.0.2 on i686-pc-linux-gnu"))
        let plain = try project.run(["info", "--url", TestServer.url(database: database)])
        #expect(plain.stdout.contains("on postgresql\n"), "\(plain.output)")
    }
}
