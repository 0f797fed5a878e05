import Foundation
import Testing
import TestSupport

/// `lockTimeout` and `statementTimeout` reach the server, and a run waiting for another's migration lock says who
/// holds it and gives up in time.
@Suite struct TimeoutAndLockTests {
    enum Source: String, CaseIterable {
        case flags, environment, configFile
    }

    @Test("lockTimeout and statementTimeout are set on the session", arguments: Source.allCases)
    func timeoutsReachTheServer(source: Source) throws {
        let project = try ExampleProject(.postgresql)
        let database = try ScratchDatabase()
        try project.write("db/migration/V9__Seen.sql", """
            CREATE TABLE seen AS
            SELECT current_setting('lock_timeout') AS lock_setting, current_setting('statement_timeout') AS statement_setting;
            """)
        var arguments = ["migrate", "--url", database.url]
        var environment: [String: String] = [:]
        switch source {
        case .flags: arguments += ["--lock-timeout", "1234", "--statement-timeout", "54321"]
        case .environment: environment = ["FLYWAY_LOCK_TIMEOUT": "1234", "FLYWAY_STATEMENT_TIMEOUT": "54321"]
        case .configFile:
            try project.write("slipway.toml", try project.read("slipway.toml") + "lockTimeout = 1234\nstatementTimeout = 54321\n")
        }
        let run = try project.run(arguments, environment: environment)
        #expect(run.status == 0, "\(run.output)")
        #expect(try database.rows("SELECT lock_setting, statement_setting FROM seen") == [["1234ms", "54321ms"]])
    }

    @Test("a statement that outlives statementTimeout fails the migration (exit 3) and leaves nothing")
    func statementTimeout() throws {
        let setup = try SlowMigrationSetup()
        let (project, database) = (setup.project, setup.database)
        let before = try database.snapshot()
        let run = try project.run(
            ["migrate", "--url", database.url, "--placeholder", "pause=3600", "--statement-timeout", "300"])
        #expect(run.status == 3, "\(run.output)")
        #expect(run.stderr.contains("db/migration/V9__Slow.sql:2:"), "\(run.stderr)")
        #expect(run.stderr.contains("canceling statement due to statement timeout"), "\(run.stderr)")
        #expect(try database.snapshot() == before)
    }

    @Test("waiting for the migration lock names the holder and gives up after lockTimeout (exit 3)")
    func lockWait() throws {
        let setup = try SlowMigrationSetup()
        let (project, database) = (setup.project, setup.database)
        let (holder, backend) = try setup.startMigrate()
        let before = try database.snapshot()
        let waiter = try project.run(
            ["migrate", "--url", database.url, "--placeholder", "pause=0", "--lock-timeout", "300"])
        _ = try database.rows("SELECT pg_terminate_backend(\(backend))")
        _ = try holder.wait()
        #expect(waiter.status == 3, "\(waiter.output)")
        #expect(waiter.stdout.contains("Waiting for the migration lock, held by process \(backend) of user postgres (slipway)"),
                "\(waiter.stdout)")
        #expect(waiter.stderr.contains("gave up waiting for the migration lock after 300 ms"), "\(waiter.stderr)")
        #expect(try database.snapshot() == before)
    }
}

@Suite struct ConcurrentRepairTests {
    @Test("eight slipway repair processes started together repair once and all exit 0")
    func eightRepairs() throws {
        let project = try ExampleProject(.postgresql)
        let database = try ScratchDatabase()
        #expect(try project.run(["migrate", "--url", database.url]).status == 0)
        try project.write("db/migration/V9__Broken.sql", "CREATE INDEX CONCURRENTLY broken ON nowhere (id);\n")
        #expect(try project.run(["migrate", "--url", database.url]).status == 3)
        try FileManager.default.removeItem(atPath: project.directory + "/db/migration/V9__Broken.sql")
        try project.write("db/migration/V1_0_0__Users.sql", try project.read("db/migration/V1_0_0__Users.sql") + "-- edited\n")
        #expect(try project.run(["validate", "--url", database.url]).status == 2)
        let runs = try (0..<8).map { _ in try CLI.start(["repair", "--url", database.url], in: project.directory) }
        let results = try runs.map { try $0.wait() }
        #expect(results.map(\.status) == Array(repeating: 0, count: 8), "\(results.map(\.output))")
        #expect(try database.rows("SELECT count(*) FROM flyway_schema_history WHERE NOT success") == [["0"]])
        #expect(try database.rows("SELECT script FROM flyway_schema_history GROUP BY script HAVING count(*) > 1") == [])
        let validate = try project.run(["validate", "--url", database.url])
        #expect(validate.status == 0, "\(validate.output)")
    }
}
