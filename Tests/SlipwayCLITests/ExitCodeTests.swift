import Foundation
import Testing
import TestSupport

/// Each kind of trouble ends with its documented exit code and a message that names the cause.
@Suite struct ExitCodeTests {
    @Test("bad configuration or input exits 4", arguments: [
        (["migrate", "--url", "jdbc:mysql://x/y"], "jdbc:mysql"),
        (["migrate", "--ephemeral", "--locations", "no/such/folder"], "no/such/folder"),
        (["migrate", "--config-file", "missing.toml"], "missing.toml"),
    ])
    func badInput(arguments: [String], named: String) throws {
        let project = try ExampleProject(.postgresql)
        let run = try project.run(arguments)
        #expect(run.status == 4, "\(run.output)")
        #expect(run.stderr.contains(named), "\(run.stderr)")
        #expect(!run.stderr.contains("Fatal error"))
    }

    @Test("a badly named migration exits 4 naming the file")
    func badName() throws {
        let project = try ExampleProject(.postgresql)
        try project.write("db/migration/V2__.sqlx.sql", "SELECT 1;")
        try project.write("db/migration/v3_bad.sql", "SELECT 1;")
        let run = try project.run(["migrate", "--ephemeral"])
        #expect(run.status == 4, "\(run.output)")
        #expect(run.stderr.contains("v3_bad.sql"))
    }

    @Test("bad files are reported before an unreachable database, as when one step followed the other")
    func filesBeforeDatabase() throws {
        let project = try ExampleProject(.postgresql)
        try project.write("db/migration/v3_bad.sql", "SELECT 1;")
        for command in ["migrate", "info", "validate", "repair", "baseline"] {
            let run = try project.run([command, "--url", "postgresql://etl@127.0.0.1:1/db?connect_timeout=2"])
            #expect(run.status == 4, "\(command): \(run.output)")
            #expect(run.stderr.contains("v3_bad.sql"), "\(command): \(run.stderr)")
        }
    }

    @Test("an unreachable database exits 5 with the masked URL and no password")
    func unreachable() throws {
        let project = try ExampleProject(.postgresql)
        let run = try project.run(["migrate", "--url", "postgresql://etl:Sup3rSecret@127.0.0.1:1/db?connect_timeout=2"])
        #expect(run.status == 5, "\(run.output)")
        #expect(run.stderr.contains("could not connect"))
        #expect(!run.output.contains("Sup3rSecret"))
    }

    @Test("a failing migration exits 3; an edited applied migration then exits 2")
    func migrationAndValidation() throws {
        let project = try ExampleProject(.postgresql)
        let url = try TestServer.url(database: TestServer.createDatabase(prefix: "cli"))
        try project.write("db/migration/V1_0_3__Broken.sql", "CREATE TABLE broken (id int);\nINSERT INTO nowhere VALUES (1);\n")
        let failed = try project.run(["migrate", "--url", url])
        #expect(failed.status == 3, "\(failed.output)")
        #expect(failed.stderr.contains("db/migration/V1_0_3__Broken.sql:2:13: error: relation \"nowhere\" does not exist"))
        #expect(failed.stderr.contains("code: 42P01"))
        try project.write("db/migration/V1_0_3__Broken.sql", "CREATE TABLE broken (id int);\n")
        #expect(try project.run(["migrate", "--url", url]).status == 0)
        try project.write("db/migration/V1_0_0__Users.sql", "CREATE TABLE users (id int);\n")
        let invalid = try project.run(["migrate", "--url", url])
        #expect(invalid.status == 2, "\(invalid.output)")
        #expect(invalid.stderr.contains("V1_0_0__Users.sql"))
    }

    @Test("a bad command line exits 64 with usage")
    func usage() throws {
        let project = try ExampleProject(.postgresql)
        let run = try project.run(["migrate", "--no-such-flag"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("Usage"))
    }

    @Test("a misspelt command, help for no command, --jobs 0, a shard past the count and an unknown dialect exit 64",
          arguments: [
              (["migrat"], "did you mean 'migrate'?"), (["help", "nosuch"], "unknown command 'nosuch'"),
              (["test", "--jobs", "0"], "--jobs takes a number of workers from 1 up"),
              (["test", "--shard", "4/3"], "expected I/N"),
              (["info", "--dialect", "oracle"], "'postgresql' and 'redshift'"),
          ])
    func commandLineChecks(arguments: [String], message: String) throws {
        let run = try CLI.run(arguments, in: CLI.repositoryRoot)
        #expect(run.status == 64, "\(run.output)")
        #expect(run.stderr.contains(message), "\(run.stderr)")
    }

    /// The whole text, as swift-argument-parser's own examples test it: a change to the commands or the exit
    /// codes shows here.
    @Test("--help is exactly the documented text")
    func helpGolden() throws {
        let run = try CLI.run(["--help"], in: CLI.repositoryRoot)
        #expect(run.status == 0)
        #expect(run.stdout == """
OVERVIEW: Flyway-compatible migrations and SQL test specs for Amazon Redshift
and PostgreSQL.

With no database configured, Slipway starts a private throwaway PostgreSQL (the
embedded default).

Exit codes:
  0    success
  1    tests failed (slipway test)
  2    validation failed: applied migrations differ from the files
  3    a migration failed on the server
  4    bad input: config, file names, placeholders, specs, or no test selected
  5    could not connect, or the embedded server could not start
  6    findings at or above --fail-on (lint) or --check-fail-on (test)
  64   bad command line
  74   output or a report could not be written (a closed pipe, a full disk)
  130  interrupted (SIGINT/SIGTERM)

USAGE: slipway <subcommand>

OPTIONS:
  --version               Show the version.
  -h, --help              Show help information.

SUBCOMMANDS:
  migrate                 Validate, then apply pending versioned migrations in
                          order and changed repeatable ones.
  undo                    Undo the latest applied versioned migration with its
                          U file, or every version above --target.
  info                    Show every migration with its state (Flyway's
                          columns), or as JSON.
  validate                Check applied migrations against the files:
                          checksums, missing, failed and pending ones.
  baseline                Mark an existing database as being at the baseline
                          version, so migrate starts above it.
  repair                  Remove failed rows, realign checksums and
                          descriptions, mark missing migrations deleted.
  clean                   Drop every object in the managed schemas, the history
                          table included (disabled by default).
  lint                    Flag risky statements in pending migrations, and
                          applied migrations whose files changed.
  dump                    Write the schema with the server's own pg_dump
                          --schema-only, stable for review diffs.
  test                    Migrate, then run the SQL test specs and write JUnit
                          XML reports.

  See 'slipway help <subcommand>' for detailed help.

""")
    }

    @Test("--help documents the exit codes")
    func help() throws {
        let run = try CLI.run(["--help"], in: CLI.repositoryRoot)
        #expect(run.status == 0)
        for line in ["1    tests failed", "2    validation failed", "3    a migration failed", "4    bad input",
                     "5    could not connect"] {
            #expect(run.stdout.contains(line))
        }
    }
}

@Suite struct ConcurrentProcessTests {
    @Test("eight slipway migrate processes started together apply every migration exactly once")
    func eightProcesses() throws {
        let project = try ExampleProject(.postgresql)
        let url = try TestServer.url(database: TestServer.createDatabase(prefix: "cli"))
        let processes = try (0..<8).map { _ in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CLI.executable)
            process.arguments = ["migrate", "--url", url, "--quiet"]
            process.currentDirectoryURL = URL(fileURLWithPath: project.directory)
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            return process
        }
        processes.forEach { $0.waitUntilExit() }
        #expect(processes.map(\.terminationStatus) == Array(repeating: 0, count: 8))
        let connection = try TestServer.connect(database: URLComponents(string: url)?.path.trimmingCharacters(in: ["/"]))
        let rows = try connection.execute(
            "SELECT script, count(*), bool_and(success) FROM flyway_schema_history GROUP BY script ORDER BY script").rows
        #expect(rows.count == 5)
        #expect(rows.allSatisfy { $0[1] == "1" && $0[2] == "t" })
    }
}
