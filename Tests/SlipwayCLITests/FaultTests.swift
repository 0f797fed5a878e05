import Foundation
import Testing
import TestSupport

/// Processes killed, interrupted or cut off mid-run leave the database as it was before the migration that was
/// running, and the next run completes.
@Suite struct KillAndInterruptTests {
    @Test("SIGKILL during a transactional migration leaves no history row and no partial schema; the next run applies it")
    func sigkill() throws {
        let setup = try SlowMigrationSetup()
        let (project, database, slow) = (setup.project, setup.database, setup.slow)
        let before = try database.snapshot()
        let running = try setup.startMigrate().process
        running.signal(SIGKILL)
        _ = try running.wait()
        #expect(running.process.terminationReason == .uncaughtSignal)
        // The server notices the vanished client (client_connection_check_interval) and rolls back.
        try waitUntil("the killed run's backend ends", while: nil) {
            try database.slipwayBackend(running: slow.marker) == nil
        }
        #expect(try database.snapshot() == before)
        let next = try project.run(["migrate", "--url", database.url, "--placeholder", "pause=0"])
        #expect(next.status == 0, "\(next.output)")
        #expect(try database.rows("SELECT success::text FROM flyway_schema_history WHERE version = '9'") == [["true"]])
        #expect(try database.rows("SELECT to_regclass('all_done') IS NOT NULL") == [["t"]])
    }

    @Test("SIGKILL during a file that runs outside a transaction leaves its failed row: the next run refuses until repair")
    func sigkillOutsideTransaction() throws {
        let setup = try SlowMigrationSetup()
        let (project, database) = (setup.project, setup.database)
        try project.write(setup.slow.file + ".conf", "executeInTransaction=false\n")
        let running = try setup.startMigrate().process
        running.signal(SIGKILL)
        _ = try running.wait()
        #expect(try database.rows("SELECT success::text FROM flyway_schema_history WHERE version = '9'") == [["false"]])
        let next = try project.run(["migrate", "--url", database.url, "--placeholder", "pause=0"])
        #expect(next.status == 2, "\(next.output)")
        #expect(next.output.contains("V9__Slow.sql"))
        let repair = try project.run(["repair", "--url", database.url, "--placeholder", "pause=0"])
        #expect(repair.status == 0, "\(repair.output)")
        #expect(try database.rows("SELECT count(*) FROM flyway_schema_history WHERE version = '9'") == [["0"]])
    }

    @Test("SIGINT and SIGTERM cancel the running statement, roll back and exit 130", arguments: [SIGINT, SIGTERM])
    func interruptConfigured(signal: Int32) throws {
        let setup = try SlowMigrationSetup()
        let (database, slow) = (setup.database, setup.slow)
        let before = try database.snapshot()
        let running = try setup.startMigrate().process
        running.signal(signal)
        let run = try running.wait()
        #expect(run.status == 130, "\(run.output)")
        #expect(run.stderr.contains("\(slow.file):2:"), "\(run.stderr)")
        #expect(run.stderr.contains("canceling statement due to user request"), "\(run.stderr)")
        #expect(run.stderr.contains("error: interrupted"), "\(run.stderr)")
        // Cancelled, not merely abandoned: the statement is no longer running once slipway has exited.
        #expect(try database.slipwayBackend(running: slow.marker) == nil)
        #expect(try database.snapshot() == before)
    }

    @Test("SIGINT and SIGTERM on the embedded server remove its run directory", arguments: [SIGINT, SIGTERM])
    func interruptEmbedded(signal: Int32) throws {
        let project = try ExampleProject(.postgresql)
        let slow = SlowMigration()
        try slow.write(into: project)
        let running = try CLI.start(["migrate", "--ephemeral", "--placeholder", "pause=3600"], in: project.directory)
        var directory: String?
        try waitUntil("the embedded server runs the slow statement", while: running) {
            directory = EmbeddedRuns.directory(running: slow.marker)
            return directory != nil
        }
        running.signal(signal)
        let run = try running.wait()
        #expect(run.status == 130, "\(run.output)")
        #expect(run.stderr.contains("canceling statement due to user request"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory ?? "/"), "run directory left behind")
    }

    @Test("a terminated backend gives an error naming the migration; a re-run completes")
    func connectionLostDuringMigration() throws {
        let setup = try SlowMigrationSetup()
        let (project, database, slow) = (setup.project, setup.database, setup.slow)
        let (running, backend) = try setup.startMigrate()
        _ = try database.rows("SELECT pg_terminate_backend(\(backend))")
        let run = try running.wait()
        #expect(run.status == 5, "\(run.output)")
        #expect(run.stderr.contains("\(slow.file):2:"), "\(run.stderr)")
        #expect(run.stderr.contains("connection to the database was lost"), "\(run.stderr)")
        #expect(try database.rows("SELECT count(*) FROM flyway_schema_history WHERE version = '9'") == [["0"]])
        let next = try project.run(["migrate", "--url", database.url, "--placeholder", "pause=0"])
        #expect(next.status == 0, "\(next.output)")
    }

    @Test("a terminated backend during slipway test names the test; a re-run completes")
    func connectionLostDuringTest() throws {
        let project = try ExampleProject(.postgresql)
        let database = try ScratchDatabase()
        let marker = SlowMigration().marker
        // Specs take no placeholders: the test waits only while the gate table exists.
        _ = try database.rows("CREATE SCHEMA gate; CREATE TABLE gate.slow_gate ()")
        try project.write("spec/slow.yml", """
            suite: slow
            tests:
              - name: waits for the server
                then:
                  - query: >-
                      SELECT count(*) AS \(marker)
                      FROM (SELECT pg_sleep(CASE WHEN to_regclass('gate.slow_gate') IS NULL THEN 0 ELSE 3600 END)) s
                    equals: 1
            """)
        let running = try CLI.start(["test", "--url", database.url], in: project.directory)
        var backend: String?
        try waitUntil("slipway runs the slow test", while: running) {
            backend = try database.slipwayBackend(running: marker)
            return backend != nil
        }
        _ = try database.rows("SELECT pg_terminate_backend(\(backend ?? "0"))")
        let run = try running.wait()
        #expect(run.status == 5, "\(run.output)")
        #expect(run.output.contains("waits for the server"), "\(run.output)")
        #expect(run.output.contains("connection to the database was lost"), "\(run.output)")
        // The reports say what finished, and where the run stopped.
        let reports = try FileManager.default.contentsOfDirectory(atPath: project.directory + "/target/slipway-reports")
        #expect(reports.contains("TEST-merge_staged_products.xml"), "\(reports)")
        let slow = try project.read("target/slipway-reports/TEST-slow.xml")
        #expect(slow.contains("<testcase name=\"waits for the server\""), "\(slow)")
        #expect(slow.contains("the run stopped here: "), "\(slow)")
        _ = try database.rows("DROP TABLE gate.slow_gate")
        let next = try project.run(["test", "--url", database.url])
        #expect(next.status == 0, "\(next.output)")
    }
}

/// A server that accepts the connection and never answers must not hang a command.
@Suite struct SilentServerTests {
    @Test("a server that never answers: connecting gives up after the default timeout with exit 5")
    func defaultConnectTimeout() throws {
        let server = try SilentServer()
        let project = try ExampleProject(.postgresql)
        let started = ContinuousClock.now
        let running = try CLI.start(["info", "--url", "postgresql://etl@127.0.0.1:\(server.port)/db"], in: project.directory)
        #expect(server.awaitClient(seconds: 60))
        try waitUntil("slipway gives up", while: nil, limit: .seconds(90)) { !running.process.isRunning }
        let run = try running.wait()
        #expect(run.status == 5, "\(run.output)")
        #expect(run.stderr.contains("no answer within 30 s"), "\(run.stderr)")
        #expect(ContinuousClock.now - started < .seconds(60))
    }

    @Test("connectRetries: a failed connect is tried again that many times, then exits 5")
    func connectRetries() throws {
        let server = try SilentServer()
        let project = try ExampleProject(.postgresql)
        let running = try CLI.start(
            ["info", "--url", "postgresql://etl@127.0.0.1:\(server.port)/db?connect_timeout=2"], in: project.directory,
            environment: ["FLYWAY_CONNECT_RETRIES": "2"])
        // The first attempt and two retries (after waits of 1 and 2 s), each given up after connect_timeout.
        for attempt in 1...3 { #expect(server.awaitClient(seconds: 30), "attempt \(attempt)") }
        try waitUntil("slipway gives up", while: nil, limit: .seconds(60)) { !running.process.isRunning }
        let run = try running.wait()
        #expect(run.status == 5, "\(run.output)")
        #expect(!server.awaitClient(seconds: 0))
    }

    @Test("SIGINT and SIGTERM stop a connect the server never answers, with exit 130", arguments: [SIGINT, SIGTERM])
    func interruptWhileConnecting(signal: Int32) throws {
        let server = try SilentServer()
        let project = try ExampleProject(.postgresql)
        let running = try CLI.start(
            ["migrate", "--url", "postgresql://etl@127.0.0.1:\(server.port)/db?connect_timeout=3600"], in: project.directory)
        #expect(server.awaitClient(seconds: 60))
        running.signal(signal)
        // Bounded so that a hang fails the test instead of the suite; far longer than the 0.1 s it takes.
        try waitUntil("slipway stops", while: nil, limit: .seconds(20)) { !running.process.isRunning }
        let run = try running.wait()
        #expect(run.status == 130, "\(run.output)")
        #expect(run.stderr.contains("interrupted"), "\(run.stderr)")
    }
}

/// Output that cannot be written ends the run with a message, never a crash, and the work is still done.
@Suite struct OutputFailureTests {
    @Test("a full standard output (/dev/full): migrate completes, exits 74 and says why on stderr")
    func fullStandardOutput() throws {
        let project = try ExampleProject(.postgresql)
        let database = try ScratchDatabase()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.executable)
        process.arguments = ["migrate", "--url", database.url]
        process.currentDirectoryURL = URL(fileURLWithPath: project.directory)
        process.environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "NO_COLOR": "1"]
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
        let stderr = project.directory + "/stderr.txt"
        _ = FileManager.default.createFile(atPath: stderr, contents: nil)
        process.standardError = FileHandle(forWritingAtPath: stderr)
        try process.run()
        process.waitUntilExit()
        let errors = try String(contentsOfFile: stderr, encoding: .utf8)
        #expect(process.terminationStatus == 74, "\(errors)")
        #expect(process.terminationReason == .exit)
        #expect(errors.contains("error: could not write to standard output: No space left on device"), "\(errors)")
        #expect(!errors.contains("Fatal error"), "\(errors)")
        // Every migration of the example project was applied: V1.0.0 to V1.0.2 and the two repeatables.
        #expect(try database.rows("SELECT count(*) FROM flyway_schema_history WHERE success") == [["5"]])
    }
}
