import Foundation
import PostgresClient
import Testing
import TestSupport

/// A fresh database on the shared test server, as slipway's `--url` and as a superuser session for checks.
final class ScratchDatabase {
    let name: String
    let url: String
    let connection: Connection

    init() throws {
        name = try TestServer.createDatabase(prefix: "fault")
        url = try TestServer.url(database: name)
        connection = try TestServer.connect(database: name)
    }

    deinit {
        connection.close()
    }

    func rows(_ sql: String) throws -> [[String?]] {
        try connection.execute(sql).rows
    }

    /// Everything a failed run must leave untouched: the tables, views, routines and schemas, and the history.
    func snapshot() throws -> [[String?]] {
        let objects = try rows("""
            SELECT n.nspname || '.' || c.relname || ':' || c.relkind::text FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
            UNION ALL SELECT 'proc ' || proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
            UNION ALL SELECT 'schema ' || nspname FROM pg_namespace
            ORDER BY 1
            """)
        let historyExists = try rows("SELECT to_regclass('flyway_schema_history') IS NOT NULL").first?.first == "t"
        // Whole rows as JSON, so that a history table of any layout can be compared.
        let history = historyExists
            ? try rows("SELECT row_to_json(h)::text FROM flyway_schema_history h ORDER BY 1") : []
        return objects + [["--history--"]] + history
    }

    /// The process id of slipway's session while it runs a statement containing `marker`.
    func slipwayBackend(running marker: String) throws -> String? {
        try Self.backend(running: marker, on: connection)
    }

    static func backend(running marker: String, on connection: Connection) throws -> String? {
        try connection.execute(
            """
            SELECT pid::text FROM pg_stat_activity
            WHERE application_name = 'slipway' AND state = 'active' AND strpos(query, $1) > 0
            """, parameters: [marker]
        ).rows.first?.first ?? nil
    }
}

/// Polls `condition` until it holds, while `process` (if any) still runs. The limit only keeps a broken run from hanging
/// the suite; it is no timing assertion.
func waitUntil(
    _ what: String, while process: RunningProcess?, limit: Duration = .seconds(120), _ condition: () throws -> Bool
) throws {
    let deadline = ContinuousClock.now + limit
    while try !condition() {
        let exited = process.map { !$0.process.isRunning } ?? false
        guard !exited, ContinuousClock.now < deadline else {
            let output = exited ? (try? process?.wait().output) ?? "" : ""
            Issue.record("gave up waiting until \(what)\n\(output)")
            throw CancellationError()
        }
        usleep(20_000)
    }
}

/// A migration that runs until it is cancelled (or for `${pause}` seconds), recognisable on the server by `marker`.
struct SlowMigration {
    let marker = "slow_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    let file = "db/migration/V9__Slow.sql"

    /// Creates a table first, so a partial schema would show if the transaction were not rolled back.
    var text: String {
        "CREATE TABLE half_done (id int);\nSELECT pg_sleep(${pause}) AS \(marker);\nCREATE TABLE all_done (id int);\n"
    }

    func write(into project: ExampleProject) throws {
        try project.write(file, text)
    }
}

/// The embedded servers slipway processes start, found through their private run directories.
enum EmbeddedRuns {
    /// Where the embedded server makes its run directories (as `EmbeddedServer.Options` chooses).
    static var parent: String {
        if access("/dev/shm", W_OK) == 0 { return "/dev/shm" }
        return ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    }

    /// The run directory of the embedded server on which some slipway session runs a statement with `marker`.
    static func directory(running marker: String) -> String? {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []
        for name in names where name.hasPrefix("slipway-pg-") {
            let directory = "\(parent)/\(name)"
            guard let connection = try? Connection(parameters: [
                ConnectionParameter("host", directory), ConnectionParameter("port", "5432"),
                ConnectionParameter("user", "postgres"), ConnectionParameter("dbname", "postgres"),
            ]) else { continue }
            defer { connection.close() }
            if (try? ScratchDatabase.backend(running: marker, on: connection)) != nil { return directory }
        }
        return nil
    }
}

/// The example project on a scratch database, migrated up to 1.0.2, with ``SlowMigration`` pending.
final class SlowMigrationSetup {
    let project: ExampleProject
    let database: ScratchDatabase
    let slow = SlowMigration()

    init() throws {
        project = try ExampleProject(.postgresql)
        database = try ScratchDatabase()
        try slow.write(into: project)
        let first = try project.run(["migrate", "--url", database.url, "--target", "1.0.2"])
        #expect(first.status == 0, "\(first.output)")
    }

    /// Starts `migrate` and returns once its session runs the slow statement, with that session's process id.
    func startMigrate(_ arguments: [String] = []) throws -> (process: RunningProcess, backend: String) {
        let running = try CLI.start(
            ["migrate", "--url", database.url, "--placeholder", "pause=3600"] + arguments, in: project.directory)
        var backend: String?
        try waitUntil("slipway runs the slow statement", while: running) {
            backend = try database.slipwayBackend(running: slow.marker)
            return backend != nil
        }
        return (running, backend ?? "0")
    }
}
