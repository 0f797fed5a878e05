import Foundation
import Testing
import TestSupport
import Yams

/// `slipway test --jobs` and `--shard` through the real binary on the embedded server.
///
/// One at a time: two of them create and count worker copies on the shared test server.
@Suite(.serialized) struct ParallelTestCommandTests {
    /// Report file name → content, with the run's times and timestamps blanked out.
    static func reports(_ project: ExampleProject, _ directory: String) throws -> [String: String] {
        let path = project.directory + "/" + directory
        var contents: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: path) {
            let text = try String(contentsOfFile: path + "/" + name, encoding: .utf8)
            contents[name] = text
                .replacingOccurrences(of: #"time="[0-9.]+""#, with: #"time="""#, options: .regularExpression)
                .replacingOccurrences(of: #"value="\d{4}-\d\d-\d\dT[0-9:]+""#, with: #"value="""#, options: .regularExpression)
        }
        return contents
    }

    /// Console lines without durations.
    static func lines(_ run: CLIRun) -> [String] {
        run.stdout.split(separator: "\n").map {
            $0.replacingOccurrences(of: #" ?\([0-9.]+ m?s\)|, [0-9.]+ s\)| +[0-9]+ ms$"#, with: "", options: .regularExpression)
        }
    }

    @Test("--jobs 2 writes the same reports and prints the same lines as --jobs 1", arguments: [false, true])
    func sameAsSerial(failing: Bool) throws {
        let project = try ExampleProject(.postgresql)
        if failing {
            // The story's first attempt: two tests fail, in one suite.
            try project.write("db/migration/R__merge_staged_products.sql", """
                create or replace procedure merge_staged_products()
                as $$
                begin
                    insert into products(product_name,price) select product_name, price from products_staging;
                end;
                $$ LANGUAGE plpgsql;
                """)
        }
        let serial = try project.run(["test", "--jobs", "1", "--report-dir", "serial"])
        let parallel = try project.run(["test", "--jobs", "2", "--report-dir", "parallel", "--verbose"])
        #expect(serial.status == (failing ? 1 : 0), "\(serial.output)")
        #expect(parallel.status == serial.status, "\(parallel.output)")
        #expect(parallel.stderr.contains("workers: 2"))
        let serialReports = try Self.reports(project, "serial")
        #expect(serialReports.count == 3)
        #expect(try Self.reports(project, "parallel") == serialReports)
        #expect(Self.lines(parallel) == Self.lines(serial))
        #expect(parallel.stdout.contains(failing ? "failed" : "7 passed, 0 failed"))
    }

    @Test("every worker session of --jobs 2 gets statement_timeout, lock_timeout and the vanished-client check")
    func workerSessionSettings() throws {
        let project = try ExampleProject(.postgresql)
        try FileManager.default.createDirectory(atPath: project.directory + "/barrier", withIntermediateDirectories: true)
        // A handshake through session names, which every session on the server sees: each suite names its
        // session, waits for the other's name, renames itself "-saw", then waits for the other's "-saw" or its
        // end. Both ran at once, so they ran on different workers (and sessions). isolation: none keeps the names
        // from being rolled back.
        let marker = "barrier-" + UUID().uuidString.prefix(8).lowercased()
        for (suite, other) in [("a", "b"), ("b", "a")] {
            let named = { (name: String) in
                "EXISTS (SELECT FROM pg_stat_activity WHERE application_name LIKE 'slipway-\(marker)-\(name)')"
            }
            let wait = { (condition: String) in
                "DO $$ BEGIN WHILE NOT (\(condition)) LOOP PERFORM pg_stat_clear_snapshot(); PERFORM pg_sleep(0.01); "
                    + "END LOOP; END $$"
            }
            try project.write("barrier/\(suite).yml", """
                suite: \(suite)
                isolation: none
                tests:
                  - name: session settings
                    when:
                      - SELECT set_config('application_name', 'slipway-\(marker)-\(suite)', false)
                      - \(wait(named(other + "%")))
                      - SELECT set_config('application_name', 'slipway-\(marker)-\(suite)-saw', false)
                      - \(wait(named(other + "-saw") + " OR NOT " + named(other + "%")))
                    then:
                      - query: >-
                          SELECT current_setting('statement_timeout'), current_setting('lock_timeout'),
                          current_setting('client_connection_check_interval')
                        rows: [[54321ms, 1234ms, 1s]]
                """)
        }
        let run = try project.run(
            ["test", "--jobs", "2", "--specs", "barrier", "--statement-timeout", "54321", "--lock-timeout", "1234"])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stdout.contains("2 passed, 0 failed"), "\(run.stdout)")
    }

    @Test("on a configured server --jobs 2 uses copies of the database and drops them afterwards")
    func configuredServer() throws {
        let project = try ExampleProject(.postgresql)
        let url = try TestServer.url(database: TestServer.createDatabase())
        let admin = try TestServer.connect()
        defer { admin.close() }
        let copies = "SELECT datname FROM pg_database WHERE datname LIKE 'slipway\\_%' ORDER BY 1"
        // The test server runs without fsync, so a copy copies files, between two checkpoints (DROP adds one).
        let checkpoints = admin.serverVersionNumber >= 170_000
            ? "SELECT num_requested FROM pg_catalog.pg_stat_checkpointer"
            : "SELECT checkpoints_req FROM pg_catalog.pg_stat_bgwriter"
        let count = { () throws -> Int? in try admin.execute(checkpoints).rows.first?.first?.flatMap { Int($0) } }
        let before = try admin.execute(copies).rows
        let checkpointsBefore = try #require(try count())
        let run = try project.run(["test", "--url", url, "--jobs", "2", "--verbose"])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stderr.contains("workers: 2"))
        #expect(run.stdout.contains("7 passed, 0 failed"))
        #expect(try admin.execute(copies).rows == before)
        // The checkpointer counts a checkpoint only after waking the session that waited for it, so the run's last
        // one may not be counted yet. Once a checkpoint of our own has run, every earlier one is counted.
        try admin.execute("CHECKPOINT")
        #expect(try #require(try count()) >= checkpointsBefore + 3)
        // Without --jobs a configured server runs serially: other sessions may share it.
        let serial = try project.run(["test", "--url", url, "--verbose"])
        #expect(serial.status == 0, "\(serial.output)")
        #expect(!serial.stderr.contains("workers:"))
    }

    @Test("--jobs 2 on a configured server drops the copies a killed run left, and keeps a live run's")
    func leftoverCopies() throws {
        let project = try ExampleProject(.postgresql)
        let url = try TestServer.url(database: TestServer.createDatabase())
        let admin = try TestServer.connect()
        defer { admin.close() }
        // Named as a run's copies are: by the creating session's pid and start. Pid 1 is never a backend.
        let live = try #require(try admin.execute("""
            SELECT 'slipway_' || pid || '_' || extract(epoch FROM backend_start)::bigint || '_w1'
            FROM pg_stat_activity WHERE pid = pg_backend_pid()
            """).rows.first?.first ?? nil)
        let dead = "slipway_1_\(Int.random(in: 1_000_000...9_999_999))_w1"
        for name in [live, dead] { try admin.execute("CREATE DATABASE \(name)") }
        defer { for name in [live, dead] { _ = try? admin.execute("DROP DATABASE IF EXISTS \(name)") } }
        let run = try project.run(["test", "--url", url, "--jobs", "2"])
        #expect(run.status == 0, "\(run.output)")
        let names = try admin.execute("SELECT datname FROM pg_database WHERE datname IN ('\(live)', '\(dead)')").rows
        #expect(names == [[live]])
    }

    @Test("without template copies (Redshift) --jobs falls back to one worker and says so")
    func redshiftFallsBack() throws {
        let project = try ExampleProject(.postgresql)
        let run = try project.run(["test", "--dialect", "redshift", "--jobs", "2", "--verbose"])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stderr.contains("running the tests on one worker"))
        #expect(!run.stderr.contains("workers: 2"))
    }

    @Test("--shard 1/2 and 2/2 run disjoint parts that together are the whole run, named as in the whole run")
    func shards() throws {
        let project = try ExampleProject(.postgresql)
        #expect(try project.run(["test", "--report-dir", "all"]).status == 0)
        let whole = try Self.reports(project, "all")
        var union: [String: String] = [:]
        for index in 1...2 {
            let run = try project.run(["test", "--shard", "\(index)/2", "--report-dir", "shard\(index)"])
            #expect(run.status == 0, "\(run.output)")
            let part = try Self.reports(project, "shard\(index)")
            #expect(Set(part.keys).isDisjoint(with: union.keys))
            union.merge(part) { first, _ in first }
        }
        #expect(union == whole)
    }

    @Test("a malformed --shard is a usage error naming the expected form")
    func badShard() throws {
        let project = try ExampleProject(.postgresql)
        let run = try project.run(["test", "--shard", "3/2"])
        #expect(run.status == 64, "\(run.output)")
        #expect(run.stderr.contains("expected I/N"))
    }

    @Test("the batch buildspec parses, runs every shard once and publishes to the report group")
    func batchBuildspec() throws {
        let text = try String(contentsOfFile: CLI.repositoryRoot + "/buildspecs/buildspec_test_batch.yml", encoding: .utf8)
        let spec = try #require(try Yams.load(yaml: text) as? [String: Any])
        #expect(spec["version"] as? Double == 0.2)
        let matrix = (spec["batch"] as? [String: Any])?["build-matrix"] as? [String: Any]
        let variables = ((matrix?["dynamic"] as? [String: Any])?["env"] as? [String: Any])?["variables"] as? [String: [String]]
        let shards = try #require(variables?["SHARD"])
        #expect(shards == (1...shards.count).map { "\($0)/\(shards.count)" })
        let commands = ((spec["phases"] as? [String: Any])?["build"] as? [String: Any])?["commands"] as? [String]
        #expect(commands?.contains { $0.contains("slipway test") && $0.contains("--shard \"$SHARD\"") } == true)
        let group = try #require((spec["reports"] as? [String: [String: Any]])?["SlipwayReports"])
        #expect(group["file-format"] as? String == "JUNITXML")
        #expect(group["base-directory"] as? String == "target/slipway-reports")
    }
}
