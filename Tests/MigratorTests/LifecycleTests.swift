import Dispatch
import Synchronization
import Diagnostics
import Migrations
import MigrationResults
import Migrator
import PostgresClient
import Testing
import TestSupport

@Suite struct BaselineTests {
    @Test("a non-empty schema without history is refused, then baselined; migrate starts above the baseline")
    func baseline() throws {
        let project = try MigrationProject()
        try project.connection.execute("CREATE TABLE legacy (id int)")
        try project.write("V1__old.sql", "CREATE TABLE legacy (id int);")
        try project.write("V2__new.sql", "CREATE TABLE fresh (id int);")
        let refusal = try #require(firstDiagnostic { try project.migrate() })
        #expect(refusal.code == "non-empty-schema")
        #expect(try project.migrator().baseline() == "1")
        #expect(try project.history() == [["1", "1", "<< Flyway Baseline >>", "BASELINE", "<< Flyway Baseline >>", nil, "postgres", "t"]])
        #expect(try project.migrate().applied.map(\.script) == ["V2__new.sql"])
        let states = try project.migrator().info(project.discovered(), serverVersion: "").entries.map(\.state)
        #expect(states == [.baselineIgnored, .baseline, .success])
    }

    @Test("baselineOnMigrate baselines a non-empty schema at the given version")
    func baselineOnMigrate() throws {
        let project = try MigrationProject()
        try project.connection.execute("CREATE TABLE legacy (id int)")
        project.options.baselineOnMigrate = true
        project.options.plan.baselineVersion = try .parse("2")
        try project.write("V2__old.sql", "CREATE TABLE legacy (id int);")
        try project.write("V3__new.sql", "CREATE TABLE fresh (id int);")
        #expect(try project.migrate().applied.map(\.script) == ["V3__new.sql"])
        #expect(try project.history().map { $0[1] } == ["2", "3"])
    }
}

@Suite struct SchemaTests {
    @Test("configured schemas are created, recorded in Flyway's rank-0 row, and hold the history table")
    func createsSchemas() throws {
        let project = try MigrationProject()
        project.options.schemas = ["app", "audit"]
        try project.write("V1__t.sql", "CREATE TABLE t (id int);")
        try project.migrate()
        let rows = try project.connection.execute("""
            SELECT installed_rank, version, description, type, script, checksum, success
            FROM app.flyway_schema_history ORDER BY installed_rank
            """).rows
        try #require(rows.count == 2)
        #expect(rows[0] == ["0", nil, "<< Flyway Schema Creation >>", "SCHEMA", "\"app\",\"audit\"", nil, "t"])
        #expect(rows[1][4] == "V1__t.sql")
        #expect(try project.value("SELECT relnamespace::regnamespace::text FROM pg_class WHERE relname = 't'") == "app")
    }
}

@Suite struct PlanningTests {
    @Test("target stops at a version; out-of-order applies a late lower version only when allowed")
    func targetAndOutOfOrder() throws {
        let project = try MigrationProject()
        try project.write("V1__a.sql", "CREATE TABLE a (id int);")
        try project.write("V3__c.sql", "CREATE TABLE c (id int);")
        project.options.plan.target = try .parse("1")
        #expect(try project.migrate().applied.map(\.script) == ["V1__a.sql"])
        project.options.plan.target = .latest
        #expect(try project.migrate().applied.map(\.script) == ["V3__c.sql"])
        try project.write("V2__b.sql", "CREATE TABLE b (id int);")
        let ignored = try #require(firstDiagnostic { try project.migrate() })
        #expect(ignored.category == .validation)
        project.options.plan.outOfOrder = true
        #expect(try project.migrate().applied.map(\.script) == ["V2__b.sql"])
        let states = try project.migrator().info(project.discovered(), serverVersion: "").entries.map(\.state)
        #expect(states == [.success, .success, .outOfOrder])
    }

    @Test("info on an empty database shows everything pending and creates nothing")
    func infoIsReadOnly() throws {
        let project = try MigrationProject()
        try project.write("V1__a.sql", "CREATE TABLE a (id int);")
        try project.write("R__v.sql", "CREATE VIEW v AS SELECT 1;")
        let info = try project.migrator().info(project.discovered(), serverVersion: "PostgreSQL 15")
        #expect(info.entries.map(\.state) == [.pending, .pending])
        #expect(info.currentVersion == nil)
        #expect(try project.value("SELECT to_regclass('flyway_schema_history')::text") == nil)
    }

    @Test("validate reports pending migrations, missing files, and ignores future versions as Flyway does")
    func validate() throws {
        let project = try MigrationProject()
        try project.write("V1__a.sql", "CREATE TABLE a (id int);")
        try project.migrate()
        try project.write("V2__b.sql", "CREATE TABLE b (id int);")
        #expect(try project.migrator().validate(project.discovered()).map(\.code) == ["pending-migration"])
        try project.migrate()
        try project.remove("V1__a.sql")
        let missing = try project.migrator().validate(project.discovered())
        #expect(missing.map(\.code) == ["missing-migration"])
        #expect(missing.first.map { "\($0)" }?.contains("V1__a.sql") == true)
        // Applied versions above every file are Future: ignored by default (ignoreMigrationPatterns=*:future).
        try project.remove("V2__b.sql")
        #expect(try project.migrator().validate(project.discovered()).isEmpty)
    }
}

@Suite struct CompatibilityTests {
    /// Rows exactly as Flyway 11 writes them for these files (checksums from Flyway's own test vectors and
    /// algorithm), so a database Flyway migrated validates without a repair.
    @Test("a history written by Flyway validates and migrates on from where Flyway stopped")
    func handoverFromFlyway() throws {
        let project = try MigrationProject()
        try project.write("V1__Create_t.sql", "CREATE TABLE t (id int);\n")
        try project.write("V1_1__Add_name.sql", "ALTER TABLE t ADD COLUMN name TEXT;")
        try project.connection.execute("""
            CREATE TABLE "public"."flyway_schema_history" ("installed_rank" INT NOT NULL, "version" VARCHAR(50), "description" VARCHAR(200) NOT NULL, "type" VARCHAR(20) NOT NULL, "script" VARCHAR(1000) NOT NULL, "checksum" INTEGER, "installed_by" VARCHAR(100) NOT NULL, "installed_on" TIMESTAMP NOT NULL DEFAULT now(), "execution_time" INTEGER NOT NULL, "success" BOOLEAN NOT NULL);
            ALTER TABLE "public"."flyway_schema_history" ADD CONSTRAINT "flyway_schema_history_pk" PRIMARY KEY ("installed_rank");
            CREATE INDEX "flyway_schema_history_s_idx" ON "public"."flyway_schema_history" ("success");
            CREATE TABLE t (id int);
            INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success)
            VALUES (1, '1', 'Create t', 'SQL', 'V1__Create_t.sql', 92137680, 'flyway', 7, true);
            """)
        #expect(try project.migrator().validate(project.discovered()).map(\.message).count == 1) // V1.1 pending
        #expect(try project.migrate().applied.map(\.script) == ["V1_1__Add_name.sql"])
        #expect(try project.migrator().validate(project.discovered()).isEmpty)
    }
}

@Suite struct ConcurrencyTests {
    @Test("eight migrators started together apply every migration exactly once")
    func eightAtOnce() throws {
        let project = try MigrationProject()
        for number in 1...20 {
            try project.write("V\(number)__m\(number).sql", "CREATE TABLE m\(number) (id int); SELECT pg_sleep(0.005);")
        }
        let outcomes = try project.migrateInParallel(workers: 8, dialect: .postgresql)
        #expect(outcomes.failures == 0)
        #expect(outcomes.applied == 20)
        let history = try project.history()
        #expect(history.count == 20)
        #expect(Set(history.map { $0[4] }).count == 20)
        #expect(history.allSatisfy { $0[7] == "t" })
    }
}

/// Counts results from concurrent workers.
final class Outcomes: Sendable {
    private let counts = Mutex((applied: 0, failures: 0))

    func add(applied: Int, failed: Bool) {
        counts.withLock {
            $0.applied += applied
            $0.failures += failed ? 1 : 0
        }
    }

    var applied: Int { counts.withLock { $0.applied } }
    var failures: Int { counts.withLock { $0.failures } }
}
