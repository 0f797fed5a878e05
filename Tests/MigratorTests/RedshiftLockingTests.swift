import Dialect
import Migrations
import MigrationResults
import Migrator
import Testing
import TestSupport

/// Redshift's locking (a `LOCK` of the history table in each migration's transaction, then a fresh look at the
/// history) with Redshift's behaviours forced on PostgreSQL, which accepts the same SQL.
@Suite struct RedshiftLockingTests {
    static let forced = Dialect(kind: .redshift, server: .postgresql)

    @Test("eight migrators started together on an empty database apply every migration exactly once")
    func eightAtOnce() throws {
        let project = try MigrationProject()
        for number in 1...20 {
            try project.write("V\(number)__m\(number).sql", "CREATE TABLE m\(number) (id int); SELECT pg_sleep(0.005);")
        }
        try project.write("R__view.sql", "CREATE OR REPLACE VIEW v AS SELECT id FROM m20;")
        let outcomes = try project.migrateInParallel(workers: 8, dialect: Self.forced)
        #expect(outcomes.failures == 0)
        #expect(outcomes.applied == 21)
        let history = try project.history()
        #expect(history.count == 21)
        #expect(Set(history.map { $0[4] }).count == 21)
        #expect(history.allSatisfy { $0[7] == "t" })
    }

    @Test("a migration another run applied between this run's plan and its lock is skipped, not run twice",
          arguments: [true, false])
    func appliedMeanwhile(transactional: Bool) throws {
        let project = try MigrationProject()
        try project.write("V1__one.sql", "CREATE TABLE one (id int);")
        try project.write("V2__two.sql", "CREATE TABLE two (id int);")
        if !transactional { try project.write("V2__two.sql.conf", "executeInTransaction=false\n") }
        _ = try project.migrator().migrate(project.discovered())  // creates the history table
        try project.write("V3__three.sql", "CREATE TABLE three (id int);")
        let discovered = try project.discovered()
        let other = try TestServer.connect(database: project.database)
        defer { other.close() }
        var otherRan = false
        var events: [MigrationEvent] = []
        // The other run applies V3 after this one has planned it, just before this one locks.
        let result = try Migrator(connection: project.connection, dialect: Self.forced, options: project.options,
                                  events: { event in
            events.append(event)
            if case .applying = event, !otherRan {
                otherRan = true
                _ = try? Migrator(connection: other, dialect: Self.forced, options: project.options).migrate(discovered)
            }
        }).migrate(discovered)
        #expect(otherRan)
        #expect(result.applied.isEmpty)
        #expect(events.contains(.appliedElsewhere(script: "V3__three.sql")))
        #expect(try project.history().map { $0[4] } == ["V1__one.sql", "V2__two.sql", "V3__three.sql"])
    }

    @Test("the history table's DDL follows the server, not the forced behaviours")
    func historyOnPostgres() throws {
        let project = try MigrationProject()
        try project.write("V1__one.sql", "CREATE TABLE one (id INT ${slipway:identity}, at TIMESTAMP DEFAULT ${slipway:now});")
        _ = try Migrator(connection: project.connection, dialect: Self.forced, options: project.options)
            .migrate(project.discovered())
        #expect(try project.value("SELECT count(*) FROM pg_indexes WHERE indexname = 'flyway_schema_history_s_idx'") == "1")
        #expect(try project.value("SELECT pg_get_expr(adbin, adrelid) FROM pg_attrdef WHERE adrelid = 'one'::regclass") == "now()")
    }
}
