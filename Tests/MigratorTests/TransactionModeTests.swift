import Diagnostics
import Migrations
import MigrationResults
import Migrator
import PostgresClient
import Testing
import TestSupport

@Suite struct TransactionModeTests {
    @Test("CREATE INDEX CONCURRENTLY runs outside a transaction while the migration lock is held, without hanging")
    func concurrentIndex() throws {
        let project = try MigrationProject()
        try project.write("V1__t.sql", "CREATE TABLE t (id int); INSERT INTO t SELECT generate_series(1, 1000);")
        try project.write("V2__idx.sql", "CREATE INDEX CONCURRENTLY t_id_idx ON t (id);")
        let result = try project.migrate()
        #expect(result.applied.map(\.transactional) == [true, false])
        #expect(try project.value("SELECT indisvalid::text FROM pg_index WHERE indexrelid = 't_id_idx'::regclass") == "true")
    }

    @Test("mixing transactional and non-transactional statements is refused, naming the statement")
    func mixed() throws {
        let project = try MigrationProject()
        try project.write("V1__mixed.sql", "CREATE TABLE t (id int);\nCREATE INDEX CONCURRENTLY i ON t (id);")
        let problem = try #require(firstDiagnostic { try project.migrate() })
        #expect(problem.code == "mixed-transactional")
        #expect(problem.location == SourceLocation(file: "db/migration/V1__mixed.sql", line: 2, column: 1))
        #expect(try project.value("SELECT to_regclass('t')::text") == nil)
        project.options.mixed = true
        #expect(try project.migrate().applied.first?.transactional == false)
    }

    @Test("a .sql.conf with executeInTransaction=false runs the file outside a transaction")
    func scriptConfig() throws {
        let project = try MigrationProject()
        try project.write("V1__vacuum.sql", "CREATE TABLE t (id int);\nVACUUM t;")
        try project.write("V1__vacuum.sql.conf", "executeInTransaction=false\n")
        #expect(try project.migrate().applied.first?.transactional == false)
    }

    @Test("a failed non-transactional migration leaves a failed row; migrate refuses until repair")
    func failedOutsideTransaction() throws {
        let project = try MigrationProject()
        try project.write("V1__t.sql", "CREATE TABLE t (id int);")
        try project.write("V2__idx.sql", "CREATE INDEX CONCURRENTLY i ON missing (id);")
        #expect(caught { try project.migrate() } != nil)
        #expect(try project.history().map { [$0[4], $0[7]] } == [["V1__t.sql", "t"], ["V2__idx.sql", "f"]])
        let refusal = try #require(firstDiagnostic { try project.migrate() })
        #expect("\(refusal)".lowercased().contains("repair"))
        try project.write("V2__idx.sql", "CREATE INDEX CONCURRENTLY i ON t (id);")
        let repaired = try project.migrator().repair(project.discovered())
        #expect(repaired.removedFailed == ["V2__idx.sql"])
        #expect(try project.migrate().applied.map(\.script) == ["V2__idx.sql"])
    }
}
