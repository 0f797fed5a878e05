import Foundation
import PostgresClient
import Testing
import TestSupport

@Suite struct UndoDryRunCLITests {
    private func history(_ database: String) throws -> [[String?]] {
        let connection = try TestServer.connect(database: database)
        defer { connection.close() }
        guard try connection.execute("SELECT to_regclass('flyway_schema_history') IS NOT NULL").rows.first?.first == "t"
        else { return [] }
        return try connection.execute("SELECT version, type FROM flyway_schema_history ORDER BY installed_rank").rows
    }

    @Test("migrate --dry-run-output writes the SQL to a file and changes nothing; --dry-run prints it")
    func dryRun() throws {
        let project = try ExampleProject(.postgresql)
        let database = try TestServer.createDatabase(prefix: "cli")
        let url = try TestServer.url(database: database)
        let toFile = try project.run(["migrate", "--url", url, "--dry-run-output", "release.sql"])
        #expect(toFile.status == 0, "\(toFile.output)")
        #expect(toFile.stdout == "Dry run: wrote the SQL of 5 migration(s) to release.sql; nothing was changed.\n")
        let script = try project.read("release.sql")
        #expect(script.contains("-- V1_0_0__Users.sql\nBEGIN;\nCREATE TABLE users ("))
        #expect(try history(database).isEmpty)
        let toStdout = try project.run(["migrate", "--url", url, "--dry-run"])
        #expect(toStdout.status == 0)
        #expect(toStdout.stdout == script + "\n")
    }

    @Test("undo runs the U file and info shows Undone; a version without a U file is refused with exit 2")
    func undo() throws {
        let project = try ExampleProject(.postgresql)
        try project.write("db/migration/U1_0_2__Orders.sql", "DROP TABLE orders;\n")
        let database = try TestServer.createDatabase(prefix: "cli")
        let url = try TestServer.url(database: database)
        #expect(try project.run(["migrate", "--url", url]).status == 0)
        let undo = try project.run(["undo", "--url", url])
        #expect(undo.status == 0, "\(undo.output)")
        #expect(undo.stdout.contains("  U 1.0.2      Orders"))
        #expect(undo.stdout.contains("Undid 1 migration in "))
        #expect(undo.stdout.contains("now at version 1.0.1"))
        let info = try project.run(["info", "--url", url])
        #expect(info.stdout.contains("| Undone "))
        let refused = try project.run(["undo", "--url", url])
        #expect(refused.status == 2, "\(refused.output)")
        #expect(refused.stderr.contains("version 1.0.1 (V1_0_1__Products.sql) cannot be undone: it has no undo file"))
        #expect(try history(database).last == ["1.0.2", "UNDO_SQL"])
    }

    @Test("migrate --cherry-pick applies only the named versions")
    func cherryPick() throws {
        let project = try ExampleProject(.postgresql)
        let database = try TestServer.createDatabase(prefix: "cli")
        let url = try TestServer.url(database: database)
        let run = try project.run(["migrate", "--url", url, "--cherry-pick", "1.0.0,1.0.1"])
        #expect(run.status == 0, "\(run.output)")
        #expect(try history(database).map { $0[0] } == ["1.0.0", "1.0.1"])
    }

    /// Parsed where the settings are read: the unreachable URL shows nothing tried to connect.
    @Test("a cherry-pick, target or baseline version that is not a version is bad input before connecting",
          arguments: [["--cherry-pick", "1.x"], ["--target", "1..2"], ["--baseline-version", "v1"]])
    func badVersionBeforeConnecting(option: [String]) throws {
        let project = try ExampleProject(.postgresql)
        let run = try project.run(["migrate", "--url", "postgresql://nobody@127.0.0.1:1/none"] + option)
        #expect(run.status == 4, "\(run.output)")
        #expect(run.stderr.contains(option[1]), "\(run.stderr)")
        #expect(!run.stderr.contains("connect"), "\(run.stderr)")
    }

    @Test("slipway test runs the beforeTest and afterTest callbacks around the specs")
    func testCallbacks() throws {
        let project = try ExampleProject(.postgresql)
        try project.write("db/migration/beforeTest.sql", "CREATE TABLE test_phase (entry text);\nINSERT INTO test_phase VALUES ('before');\n")
        try project.write("db/migration/afterTest.sql", "INSERT INTO test_phase SELECT 'after: ' || count(*) FROM products;\n")
        let database = try TestServer.createDatabase(prefix: "cli")
        let url = try TestServer.url(database: database)
        let run = try project.run(["test", "--url", url])
        #expect(run.status == 0, "\(run.output)")
        let connection = try TestServer.connect(database: database)
        defer { connection.close() }
        let entries = try connection.execute("SELECT entry FROM test_phase").rows.map { $0[0] ?? "" }
        #expect(entries.first == "before")
        #expect(entries.count == 2)
        #expect(entries.last?.hasPrefix("after: ") == true)
    }
}
