import Dialect
import Diagnostics
import MigrationDrivers
import Migrations
import PostgresClient
import Testing
import TestSupport

/// The one suite every migration driver passes, as golang-migrate's `database/testing` suite does for its
/// drivers: run over each lock family on the embedded PostgreSQL (Redshift's family with its behaviours forced).
@Suite struct MigrationDriverConformanceTests {
    static let families: [Dialect] = [.postgresql, Dialect(kind: .redshift, server: .postgresql)]

    /// A driver on a database of its own; `table` is the history table's name.
    final class Fixture {
        let database: String
        let connection: Connection
        let driver: any MigrationDriver
        let writer: DatabaseWriter

        init(_ dialect: Dialect, database: String? = nil, lockWaitTimeout: Int? = nil) throws {
            self.database = try database ?? TestServer.createDatabase(prefix: "driver")
            connection = try TestServer.connect(database: self.database)
            driver = try openMigrationDriver(
                connection: connection, dialect: dialect, schemas: [], table: "flyway_schema_history",
                lockWaitTimeout: lockWaitTimeout)
            writer = DatabaseWriter(connection: connection)
        }

        deinit { connection.close() }

        /// Runs `body` holding the family's lock: the run lock, and the history table's lock in a transaction
        /// where the family takes one.
        func holdingLock(_ body: () throws -> Void) throws {
            try driver.withRunLock(writer: writer, dryRun: false, waiting: { _ in }) {
                guard let lock = driver.transactionLock else { return try body() }
                try writer.transaction {
                    try writer.write(lock)
                    try body()
                }
            }
        }

        func row(_ version: String, success: Bool = true) -> HistoryRowValues {
            HistoryRowValues(
                version: version, description: "step \(version)", type: HistoryType.sql,
                script: "V\(version)__step.sql", checksum: 42)
        }
    }

    @Test("a new database has no history; create, insert and read back give Flyway's rows in rank order",
          arguments: families)
    func createInsertRead(dialect: Dialect) throws {
        let fixture = try Fixture(dialect)
        let driver = fixture.driver
        #expect(try driver.historyExists() == false)
        #expect(try driver.readHistoryIfExists().isEmpty)
        try fixture.writer.transaction { try driver.history.create(with: fixture.writer) }
        #expect(try driver.historyExists())
        try driver.history.insert(fixture.row("1"), installedBy: "deployer", executionTime: .milliseconds(7),
                                  with: fixture.writer)
        try driver.history.insert(fixture.row("2"), installedBy: "deployer", with: fixture.writer)
        let rows = try driver.readHistory()
        #expect(rows.map(\.installedRank) == [1, 2])
        #expect(rows.map(\.version) == ["1", "2"])
        #expect(rows[0].script == "V1__step.sql")
        #expect(rows[0].checksum == 42)
        #expect(rows[0].installedBy == "deployer")
        #expect(rows[0].executionTime == 7)
        #expect(rows.allSatisfy { $0.success })
    }

    @Test("a failed row reads back as failed, is marked successful, and repair's statements delete and realign",
          arguments: families)
    func failedRowAndRepair(dialect: Dialect) throws {
        let fixture = try Fixture(dialect)
        let (driver, writer) = (fixture.driver, fixture.writer)
        try writer.transaction { try driver.history.create(with: writer) }
        try driver.history.insert(fixture.row("1"), installedBy: "u", success: false, with: writer)
        #expect(try driver.readHistory().map(\.success) == [false])
        try driver.history.markSucceeded(script: "V1__step.sql", executionTime: .milliseconds(5), with: writer)
        #expect(try driver.readHistory().map(\.success) == [true])
        #expect(try driver.readHistory().map(\.executionTime) == [5])
        try driver.history.insert(fixture.row("2"), installedBy: "u", success: false, with: writer)
        try driver.history.realign(rank: 1, checksum: -7, description: "renamed", type: HistoryType.sql, with: writer)
        try driver.history.delete(rank: 2, with: writer)
        let rows = try driver.readHistory()
        #expect(rows.map(\.installedRank) == [1])
        #expect(rows.map(\.checksum) == [-7])
        #expect(rows.map(\.description) == ["renamed"])
    }

    @Test("while one session holds the lock, a second gives up after its lock timeout with SQLSTATE 55P03",
          arguments: families)
    func lockExclusion(dialect: Dialect) throws {
        let first = try Fixture(dialect)
        try first.writer.transaction { try first.driver.history.create(with: first.writer) }
        let second = try Fixture(dialect, database: first.database, lockWaitTimeout: 200)
        try second.connection.execute("SET lock_timeout = 200")
        var waitedFor: String?
        try first.holdingLock {
            let failure = #expect(throws: Diagnostic.self) {
                try second.driver.withRunLock(writer: second.writer, dryRun: false, waiting: { waitedFor = $0 }) {
                    guard let lock = second.driver.transactionLock else { return }
                    try second.writer.transaction { try second.writer.write(lock) }
                }
            }
            #expect(failure?.code == "55P03")
        }
        // The advisory family names who holds the lock; the table lock waits inside the server's LOCK.
        if second.driver.transactionLock == nil { #expect(waitedFor?.contains("process") == true) }
        // Released: the second session now gets it at once.
        try second.holdingLock {}
    }

    @Test("under the lock a second run reads the history the first one committed", arguments: families)
    func recheckUnderLock(dialect: Dialect) throws {
        let first = try Fixture(dialect)
        try first.writer.transaction { try first.driver.history.create(with: first.writer) }
        let second = try Fixture(dialect, database: first.database)
        #expect(try second.driver.readHistory().isEmpty)
        try first.holdingLock {
            try first.driver.history.insert(first.row("1"), installedBy: "u", with: first.writer)
        }
        var seen: [String?] = []
        try second.holdingLock { seen = try second.driver.readHistory().map(\.version) }
        #expect(seen == ["1"])
    }

    @Test("a dry run writes the family's lock statements into the script and takes no lock", arguments: families)
    func dryRunText(dialect: Dialect) throws {
        let fixture = try Fixture(dialect)
        let dry = DryRunWriter(dialect: dialect)
        try fixture.driver.withRunLock(writer: dry, dryRun: true, waiting: { _ in }) {
            if let lock = fixture.driver.transactionLock { try dry.transaction { try dry.write(lock) } }
            try fixture.driver.history.insert(fixture.row("1"), installedBy: "o'neil", with: dry)
        }
        let script = dry.script(header: [], searchPath: nil)
        let key = Dialect.flywayLockKey(qualifiedTable: "\"public\".\"flyway_schema_history\"")
        switch dialect.lockStrategy(schema: "public", table: "flyway_schema_history") {
        case .advisory:
            #expect(script.contains("SELECT pg_advisory_lock(\(key));\n"))
            #expect(script.contains("SELECT pg_advisory_unlock(\(key));\n"))
        case .historyTableLock:
            #expect(script.contains("BEGIN;\nLOCK \"public\".\"flyway_schema_history\";\nCOMMIT;\n"))
            #expect(!script.contains("pg_advisory"))
        }
        #expect(script.contains("'o''neil'"))
        // Nothing ran: no history table, no lock left behind.
        #expect(try fixture.driver.historyExists() == false)
        #expect(try fixture.connection.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")
            .rows == [["0"]])
    }

    @Test("schemas: missing ones are listed and created; objects of an extension do not make a schema non-empty",
          arguments: families)
    func schemasAndObjects(dialect: Dialect) throws {
        let database = try TestServer.createDatabase(prefix: "driver")
        let setup = try TestServer.connect(database: database)
        defer { setup.close() }
        try setup.execute("CREATE EXTENSION citext")
        let connection = try TestServer.connect(database: database)
        defer { connection.close() }
        let driver = try openMigrationDriver(
            connection: connection, dialect: dialect, schemas: ["public", "staging"], table: "flyway_schema_history",
            lockWaitTimeout: nil)
        #expect(try driver.missingSchemas() == ["staging"])
        try DatabaseWriter(connection: connection).write(driver.createSchema("staging"))
        #expect(try driver.missingSchemas().isEmpty)
        #expect(try driver.schemaHasObjects() == false)
        try setup.execute("CREATE TABLE public.t (id int)")
        #expect(try driver.schemaHasObjects())
    }

    @Test("clean's statements come from the server's catalog and empty the schema", arguments: families)
    func cleanStatements(dialect: Dialect) throws {
        let fixture = try Fixture(dialect)
        try fixture.connection.execute("CREATE TABLE t (id int); CREATE VIEW v AS SELECT id FROM t")
        let statements = try fixture.driver.cleanStatements(schema: "public")
        #expect(statements.count == 2)
        try fixture.writer.transaction { for statement in statements { try fixture.writer.write(statement) } }
        #expect(try fixture.driver.schemaHasObjects() == false)
    }
}
