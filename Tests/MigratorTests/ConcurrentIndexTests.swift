import Diagnostics
import MigrationResults
import Migrator
import PostgresClient
import Testing
import TestSupport

/// A concurrent index build waits for every older transaction, such as the one a Flyway holds open while it
/// waits for its lock: it must give up within the lock timeout, say whom it waited for, and leave no INVALID index.
@Suite struct ConcurrentIndexTests {
    @Test("a concurrent index build behind an open transaction fails within lock_timeout, names the session and drops its INVALID index")
    func waitsForAnOpenTransaction() throws {
        let project = try MigrationProject()
        try project.write("V1__t.sql", "CREATE TABLE t (id int);\n")
        try project.write("V2__index.sql", "CREATE INDEX CONCURRENTLY t_id ON t (id);\n")
        project.options.plan.target = try .parse("1")
        try project.migrate()
        project.options.plan.target = .latest
        // Another session with a snapshot open: what a migrator waiting for its lock inside a transaction is.
        let other = try TestServer.connect(database: project.database)
        defer { other.close() }
        try other.execute("SET application_name = 'other-migrator'")
        try other.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")
        try other.execute("SELECT 1")
        try project.connection.execute("SET lock_timeout = 500")
        let diagnostic = try #require(firstDiagnostic { try project.migrate() })
        #expect(diagnostic.code == "55P03")
        #expect(diagnostic.location?.file == "db/migration/V2__index.sql")
        #expect(diagnostic.notes.contains { $0.contains("(other-migrator), idle in transaction, transaction open since") })
        #expect(diagnostic.notes.contains("dropped the INVALID index public.t_id the failed build left behind"))
        #expect(try project.value("SELECT count(*) FROM pg_index WHERE indrelid = 't'::regclass") == "0")
        #expect(try project.history().last?[7] == "f")
        // Once the other transaction has ended, repair and migrate build the index.
        try other.execute("COMMIT")
        _ = try project.migrator().repair(project.discovered())
        try project.migrate()
        #expect(try project.value("SELECT indisvalid::text FROM pg_index WHERE indexrelid = 't_id'::regclass") == "true")
    }
}
