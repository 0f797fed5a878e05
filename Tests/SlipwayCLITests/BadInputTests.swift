import Foundation
import Testing
import TestSupport

/// One kind of bad input: what to change in the example project and the database, and what slipway must say.
struct BadInput: Sendable, CustomTestStringConvertible {
    var name: String
    var command = ["migrate"]
    /// Files to write (relative path → bytes), after the project was migrated to its current state.
    var files: [String: [UInt8]] = [:]
    var removed: [String] = []
    /// Symbolic links to make (relative path → destination) and FIFOs (named pipes) to make, after `files`.
    var links: [String: String] = [:]
    var fifos: [String] = []
    var arguments: [String] = []
    var environment: [String: String] = [:]
    /// SQL run on the database before the command (the "before" state includes it).
    var sql: String?
    /// Whether slipway gets the scratch database's URL (false when the case supplies its own connection).
    var connects = true
    /// Whether the database is migrated to the project's current state first; false: it stays empty.
    var migrated = true
    var status: Int32
    /// Text the first line of stderr must contain: the file and line where there is one.
    var firstLine: String

    var testDescription: String { name }

    static func file(_ path: String, _ text: String) -> [String: [UInt8]] { [path: Array(text.utf8)] }
}

/// Every bad input gives a one-line error naming the file and line, its exit code, and changes nothing in the
/// database. Grow the table as features land: one row per case.
@Suite struct BadInputTests {
    static let spec = "suite: s\ntests:\n  - name: t\n    then:\n"
    static let loadSpec = "suite: s\ntests:\n  - name: t\n    given:\n      - load: { table: users, csv: fixtures/bad.csv }\n"
        + "    then:\n      - query: SELECT 1\n        equals: 1\n"

    /// Names a file beside the project's directory, unique to this test run.
    static let outside = UUID().uuidString

    static let cases: [BadInput] = [
        // Migration files.
        BadInput(name: "badly named migration", files: BadInput.file("db/migration/v3_bad.sql", "SELECT 1;"),
                 status: 4, firstLine: "v3_bad.sql"),
        BadInput(name: "a version longer than the history table holds",
                 files: BadInput.file("db/migration/V\(String(repeating: "1", count: 60))__Long.sql", "SELECT 1;"),
                 status: 4, firstLine: "has 60 characters; the history table's version column holds 50"),
        BadInput(name: "an installedBy longer than the history table holds",
                 environment: ["FLYWAY_INSTALLED_BY": String(repeating: "x", count: 500)],
                 status: 4, firstLine: "installedBy has 500 characters"),
        BadInput(name: "duplicate versions", files: BadInput.file("db/migration/V1_0_0__Again.sql", "SELECT 1;"),
                 status: 4, firstLine: "found more than one migration with version 1.0.0"),
        BadInput(name: "file that is not UTF-8", files: ["db/migration/V2__Latin.sql": Array("SELECT 'caf".utf8) + [0xE9] + Array("';".utf8)],
                 status: 4, firstLine: "db/migration/V2__Latin.sql:1:12: error: the file is not valid UTF-8"),
        BadInput(name: "unterminated quote", files: BadInput.file("db/migration/V2__Quote.sql", "SELECT 1;\nSELECT 'abc;\n"),
                 status: 4, firstLine: "db/migration/V2__Quote.sql:2:8:"),
        BadInput(name: "unterminated $$ body", files: BadInput.file("db/migration/V2__Body.sql", "SELECT 1;\nDO $$ BEGIN\n"),
                 status: 4, firstLine: "db/migration/V2__Body.sql:2:4: error: unterminated dollar-quoted string $$"),
        BadInput(name: "missing placeholder",
                 files: BadInput.file("db/migration/V2__Placeholder.sql", "SELECT 1;\nSELECT '${nothere}';\n"),
                 status: 4, firstLine: "db/migration/V2__Placeholder.sql:2:"),
        BadInput(name: "bad file after a good pending one: neither is applied",
                 files: BadInput.file("db/migration/V2__Good.sql", "CREATE TABLE good (id int);")
                    .merging(BadInput.file("db/migration/V3__Bad.sql", "SELECT 'x")) { $1 },
                 status: 4, firstLine: "db/migration/V3__Bad.sql:1:8:"),
        // Files against the history.
        BadInput(name: "edited applied migration",
                 files: BadInput.file("db/migration/V1_0_0__Users.sql", "CREATE TABLE users (id int);\n"),
                 status: 2, firstLine: "V1_0_0__Users.sql"),
        BadInput(name: "missing applied file", removed: ["db/migration/V1_0_1__Products.sql"],
                 status: 2, firstLine: "1.0.1"),
        BadInput(name: "future version in the history, future not ignored", arguments: [],
                 environment: ["FLYWAY_IGNORE_MIGRATION_PATTERNS": "*:missing"],
                 sql: "INSERT INTO flyway_schema_history VALUES (99, '99', 'From the future', 'SQL', 'V99__From_the_future.sql', 1, 'x', now(), 1, true)",
                 status: 2, firstLine: "99"),
        BadInput(name: "history table with an unexpected layout",
                 sql: "ALTER TABLE flyway_schema_history DROP COLUMN checksum",
                 status: 2, firstLine: "public.flyway_schema_history exists but is not a schema history table"),
        // Connections and secrets.
        BadInput(name: "unreachable host", arguments: ["--url", "postgresql://etl@127.0.0.1:1/db?connect_timeout=2"],
                 connects: false, status: 5, firstLine: "could not connect"),
        BadInput(name: "a URL that is a number in slipway.toml", files: BadInput.file("slipway.toml", "\n[flyway]\nurl = 5\n"),
                 connects: false, status: 4, firstLine: "slipway.toml:3:"),
        BadInput(name: "a slipway.toml that is not UTF-8",
                 files: ["slipway.toml": Array("# notes\n# caf".utf8) + [0xE9] + Array("\n".utf8)],
                 connects: false, status: 4, firstLine: "slipway.toml:2:6: error: the config file is not valid UTF-8"),
        BadInput(name: "an unterminated ${env. reference",
                 files: BadInput.file("slipway.toml", "[environments.broken]\nurl = \"postgresql://${env.HOST/db\"\n"),
                 arguments: ["--environment", "broken"], connects: false, status: 4, firstLine: "slipway.toml:2:21: error: ${env.… in slipway.toml has no closing }"),
        BadInput(name: "a JDBC ssl value that is neither true nor false",
                 arguments: ["--url", "jdbc:postgresql://127.0.0.1:1/db?ssl=maybe"], connects: false, status: 4,
                 firstLine: "ssl=maybe is neither true nor false"),
        BadInput(name: "URL with a bad port", arguments: ["--url", "postgresql://u@host:notaport/db"], connects: false,
                 status: 4, firstLine: "port 'notaport' is not a number"),
        BadInput(name: "URL with an unclosed IPv6 address", arguments: ["--url", "postgresql://[::1/db"], connects: false,
                 status: 4, firstLine: "lacks its ']'"),
        BadInput(name: "libpq keywords with junk", arguments: ["--url", "host=x dbname"], connects: false,
                 status: 4, firstLine: "keyword 'dbname' is not followed by '='"),
        BadInput(name: "unknown URL scheme", arguments: ["--url", "mysql://x/y"], connects: false,
                 status: 4, firstLine: "mysql://x/y"),
        BadInput(name: "secret that is not JSON", arguments: ["--secret-env", "S"],
                 environment: ["S": "{\"username\": \"u\", \"password\": \"p\""], connects: false,
                 status: 4, firstLine: "environment variable S does not hold a JSON object"),
        BadInput(name: "secret that lacks a field", arguments: ["--secret-env", "S"],
                 environment: ["S": "{\"username\": \"u\", \"password\": \"p\"}"], connects: false,
                 status: 4, firstLine: "the secret in S has no field 'host'"),
        BadInput(name: "config file with an unknown key",
                 files: BadInput.file("bad.toml", "[flyway]\nlocations = [\"filesystem:db/migration\"]\nbogus = 1\n"),
                 arguments: ["--config-file", "bad.toml"], status: 4, firstLine: "bad.toml:3:1: error: unknown setting 'bogus'"),
        BadInput(name: "config file that is not TOML", files: BadInput.file("bad.toml", "[flyway\nlocations = \n"),
                 arguments: ["--config-file", "bad.toml"], status: 4, firstLine: "bad.toml:1:"),
        // Specs and fixtures.
        BadInput(name: "spec with an unknown key", command: ["test"],
                 files: BadInput.file("spec/bad.yml", spec + "      - query: SELECT 1\n        equalz: 1\n"),
                 status: 4, firstLine: "spec/bad.yml:6:9: error: unknown key 'equalz'"),
        BadInput(name: "spec that is not YAML", command: ["test"],
                 files: BadInput.file("spec/bad.yml", "suite: s\ntests: [\n  - name: t\n"),
                 status: 4, firstLine: "spec/bad.yml:"),
        BadInput(name: "spec test without a name", command: ["test"],
                 files: BadInput.file("spec/bad.yml", "suite: s\ntests:\n  - then:\n      - query: SELECT 1\n        equals: 1\n"),
                 status: 4, firstLine: "spec/bad.yml:3:"),
        BadInput(name: "spec with a list where a query belongs", command: ["test"],
                 files: BadInput.file("spec/bad.yml", spec + "      - query: [1, 2]\n        equals: 1\n"),
                 status: 4, firstLine: "spec/bad.yml:5:"),
        BadInput(name: "spec naming a missing CSV", command: ["test"],
                 files: BadInput.file("spec/bad.yml", loadSpec), status: 4, firstLine: "fixtures/bad.csv"),
        BadInput(name: "CSV fixture with a ragged row", command: ["test"],
                 files: BadInput.file("spec/bad.yml", loadSpec).merging(BadInput.file("spec/fixtures/bad.csv", "email,name\na@x,A,extra\n")) { $1 },
                 status: 4, firstLine: "spec/fixtures/bad.csv:2:1: error: this row has 3 fields, but the header has 2"),
        BadInput(name: "CSV fixture that is not UTF-8", command: ["test"],
                 files: BadInput.file("spec/bad.yml", loadSpec).merging(["spec/fixtures/bad.csv": Array("email,name\na@x,".utf8) + [0xFF, 0x0A]]) { $1 },
                 status: 4, firstLine: "spec/fixtures/bad.csv:2:"),
        BadInput(name: "CSV fixture with an unterminated quote", command: ["test"],
                 files: BadInput.file("spec/bad.yml", loadSpec).merging(BadInput.file("spec/fixtures/bad.csv", "email,name\n\"a@x,A\n")) { $1 },
                 status: 4, firstLine: "spec/fixtures/bad.csv:2:"),
        // NUL characters: libpq would cut the text there and run (or bind) what is left.
        BadInput(name: "NUL byte in a versioned migration",
                 files: ["db/migration/V2__Nul.sql": Array("CREATE TABLE a (id int);\n".utf8) + [0] + Array("\nCREATE TABLE b (id int);\n".utf8)],
                 status: 4, firstLine: "db/migration/V2__Nul.sql:2:1: error: the file holds a NUL character"),
        BadInput(name: "NUL byte in a repeatable migration",
                 files: ["db/migration/R__Nul.sql": Array("SELECT 1;\nSELECT 'a".utf8) + [0] + Array("';\n".utf8)],
                 status: 4, firstLine: "db/migration/R__Nul.sql:2:10: error: the file holds a NUL character"),
        BadInput(name: "NUL escape in spec SQL", command: ["test"],
                 files: BadInput.file("spec/bad.yml", spec + "      - query: \"SELECT 1\\0\"\n        equals: 1\n"),
                 status: 4, firstLine: "spec/bad.yml:5:16: error: this text holds a NUL character"),
        BadInput(name: "NUL escape in a spec parameter", command: ["test"],
                 files: BadInput.file("spec/bad.yml", "suite: s\ntests:\n  - name: t\n    then:\n      - query: SELECT $1::text\n"
                    + "        params: [\"abc\\0def\"]\n        equals: abc\n"),
                 status: 4, firstLine: "spec/bad.yml:6:18: error: this text holds a NUL character"),
        BadInput(name: "NUL byte in a spec file", command: ["test"],
                 files: ["spec/bad.yml": Array((spec + "      - query: SELECT 1").utf8) + [0] + Array("\n        equals: 1\n".utf8)],
                 status: 4, firstLine: "spec/bad.yml:5:24: error: the file holds a NUL character"),
        BadInput(name: "NUL byte in a CSV fixture", command: ["test"],
                 files: BadInput.file("spec/bad.yml", loadSpec).merging(["spec/fixtures/bad.csv": Array("email,name\na@x,A".utf8) + [0, 0x0A]]) { $1 },
                 status: 4, firstLine: "spec/fixtures/bad.csv:2:6: error: the file holds a NUL character"),
        BadInput(name: "NUL in the URL's database name",
                 arguments: ["--url", "postgresql://etl@127.0.0.1:1/mydb%00_staging"], connects: false,
                 status: 4, firstLine: "the connection setting 'dbname' holds a NUL character"),
        BadInput(name: "NUL in the URL's user name",
                 arguments: ["--url", "postgresql://post%00gres@127.0.0.1:1/db"], connects: false,
                 status: 4, firstLine: "the connection setting 'user' holds a NUL character"),
        BadInput(name: "NUL in the secret's dbName", arguments: ["--secret-env", "S"],
                 environment: ["S": #"{"username": "u", "password": "p", "host": "127.0.0.1", "port": 1, "dbName": "db\u0000x"}"#],
                 connects: false, status: 4, firstLine: "the connection setting 'dbname' holds a NUL character"),
        // Entries that cannot be read: an error naming them, never a silent skip or a hang in open.
        BadInput(name: "FIFO as a CSV fixture", command: ["test"], files: BadInput.file("spec/bad.yml", loadSpec),
                 fifos: ["spec/fixtures/bad.csv"], status: 4, firstLine: "fixtures/bad.csv': it is a FIFO (named pipe)"),
        BadInput(name: "device as a CSV fixture", command: ["test"], files: BadInput.file("spec/bad.yml", loadSpec),
                 links: ["spec/fixtures/bad.csv": "/dev/zero"], status: 4, firstLine: "fixtures/bad.csv': it is a device"),
        BadInput(name: "FIFO as a spec file", command: ["test"], fifos: ["spec/pipe.yml"],
                 status: 4, firstLine: "spec/pipe.yml:1:1: error: cannot read 'spec/pipe.yml': it is a FIFO"),
        BadInput(name: "FIFO named as a migration", fifos: ["db/migration/V2__Pipe.sql"],
                 status: 4, firstLine: "db/migration/V2__Pipe.sql:1:1: error: cannot read 'db/migration/V2__Pipe.sql': it is a FIFO"),
        BadInput(name: "device named as a migration", links: ["db/migration/V2__Zero.sql": "/dev/zero"],
                 status: 4, firstLine: "cannot read 'db/migration/V2__Zero.sql': it is a device"),
        BadInput(name: "dangling symbolic link named as a migration", links: ["db/migration/V2__Gone.sql": "/nonexistent-slipway-\(UUID().uuidString)/V2.sql"],
                 status: 4, firstLine: "cannot read 'db/migration/V2__Gone.sql': it does not exist (or is a dangling symbolic link)"),
        BadInput(name: "looping symbolic link named as a migration", links: ["db/migration/R__Loop.sql": "R__Loop.sql"],
                 status: 4, firstLine: "cannot read 'db/migration/R__Loop.sql': it is a loop of symbolic links"),
        BadInput(name: "spec whose aliases expand to over a million values", command: ["test"],
                 files: BadInput.file("spec/bad.yml", spec + "      - query: SELECT 1\n        rows: [&q ["
                    + String(repeating: "a, ", count: 1100) + "a], " + String(repeating: "*q, ", count: 999) + "*q]\n"),
                 status: 4, firstLine: "error: the spec has more than 1000000 YAML values once its aliases (*name) are expanded"),
        // libpq options and hosts: bad input (4), not an unreachable server (5).
        BadInput(name: "unknown libpq option in the URL", arguments: ["--url", "postgresql://etl@127.0.0.1:1/db?foo=bar"],
                 connects: false, status: 4, firstLine: "'foo' is not a libpq connection option"),
        BadInput(name: "bad sslmode in the URL", arguments: ["--url", "postgresql://etl@127.0.0.1:1/db?sslmode=bogus"],
                 connects: false, status: 4, firstLine: "'bogus' is not a valid sslmode"),
        BadInput(name: "connect_timeout that is not a number",
                 arguments: ["--url", "postgresql://etl@127.0.0.1:1/db?connect_timeout=abc"],
                 connects: false, status: 4, firstLine: "connect_timeout must be a whole number, not 'abc'"),
        BadInput(name: "bracketed host that is not an IPv6 address", arguments: ["--url", "postgresql://etl@[::zz]:5432/db"],
                 connects: false, status: 4, firstLine: "'[::zz]' is not an IPv6 address"),
        BadInput(name: "secret whose port is JSON true", arguments: ["--secret-env", "S"],
                 environment: ["S": #"{"username": "u", "password": "p", "host": "127.0.0.1", "port": true, "dbName": "d"}"#],
                 connects: false, status: 4, firstLine: "field 'port' of the secret in S must be a string or a number"),
        BadInput(name: "a 100 KB URL: the error line is short",
                 arguments: ["--url", "postgresql://etl@h:" + String(repeating: "9", count: 100_000) + "/db"], connects: false,
                 status: 4, firstLine: "is not a number from 1 to 65535"),
        // Fixture paths may lead out of the project (shared fixtures; see the README), but errors name lines,
        // never quote what a file holds.
        BadInput(name: "fixture outside the project: the error quotes none of its content", command: ["test"],
                 files: BadInput.file("spec/bad.yml", loadSpec.replacingOccurrences(of: "fixtures/bad.csv", with: "../../outside-\(outside).csv"))
                    .merging(BadInput.file("../outside-\(outside).csv", "private-first-line\nroot:x:0:0,extra\n")) { $1 },
                 status: 4, firstLine: "outside-\(outside).csv:2:1: error: this row has 2 fields, but the header has 1"),
        BadInput(name: "NUL escape in an expected value", command: ["test"],
                 files: BadInput.file("spec/bad.yml", spec + "      - query: SELECT 'a'\n        equals: \"a\\0\"\n"),
                 status: 4, firstLine: "spec/bad.yml:6:17: error: this text holds a NUL character"),
        BadInput(name: "NUL in the URL's password",
                 arguments: ["--url", "postgresql://etl:pa%00ss@127.0.0.1:1/db"], connects: false,
                 status: 4, firstLine: "the connection setting 'password' holds a NUL character"),
        BadInput(name: "NUL in the secret's password", arguments: ["--secret-env", "S"],
                 environment: ["S": #"{"username": "u", "password": "p\u0000w", "host": "127.0.0.1", "port": 1, "dbName": "d"}"#],
                 connects: false, status: 4, firstLine: "the connection setting 'password' holds a NUL character"),
        BadInput(name: "message pattern with a back-reference", command: ["test"],
                 files: BadInput.file("spec/bad.yml", spec + "      - sql: SELECT 1/0\n        fails: {message: \"(a)\\\\1\"}\n"),
                 status: 4, firstLine: "spec/bad.yml:6:26: error: 'message' is not a supported regular expression"),
        BadInput(name: "message pattern with a look-ahead", command: ["test"],
                 files: BadInput.file("spec/bad.yml", spec + "      - sql: SELECT 1/0\n        fails: {message: \"(?=x)\"}\n"),
                 status: 4, firstLine: "only (...) and (?:...) groups are supported"),
        BadInput(name: "dangling symbolic link as a spec file", command: ["test"],
                 links: ["spec/gone.yml": "/nonexistent-slipway-\(outside)/gone.yml"],
                 status: 4, firstLine: "cannot read 'spec/gone.yml': it does not exist (or is a dangling symbolic link)"),
        BadInput(name: "device as a spec file", command: ["test"], links: ["spec/zero.yml": "/dev/zero"],
                 status: 4, firstLine: "cannot read 'spec/zero.yml': it is a device"),
        BadInput(name: "FIFO named as a repeatable migration", fifos: ["db/migration/R__Pipe.sql"],
                 status: 4, firstLine: "cannot read 'db/migration/R__Pipe.sql': it is a FIFO (named pipe)"),
        BadInput(name: "report directory that cannot be written", command: ["test"],
                 files: BadInput.file("reports", "a file where the directory should be"), arguments: ["--report-dir", "reports/junit"],
                 migrated: false, status: 4, firstLine: "/reports/junit'"),
    ]

    @Test("bad input: one clear line, its exit code, nothing changed", arguments: cases)
    func badInput(_ bad: BadInput) throws {
        let project = try ExampleProject(.postgresql)
        let database = try ScratchDatabase()
        if bad.migrated {
            let migrated = try project.run(["migrate", "--url", database.url])
            #expect(migrated.status == 0, "\(migrated.output)")
        }
        // Files beside the project go when the case does.
        defer { for path in bad.files.keys where path.hasPrefix("../") { try? FileManager.default.removeItem(atPath: project.directory + "/" + path) } }
        for (path, bytes) in bad.files {
            try FileManager.default.createDirectory(
                atPath: URL(fileURLWithPath: project.directory + "/" + path).deletingLastPathComponent().path,
                withIntermediateDirectories: true)
            try Data(bytes).write(to: URL(fileURLWithPath: project.directory + "/" + path))
        }
        for (path, destination) in bad.links {
            try FileManager.default.createSymbolicLink(atPath: project.directory + "/" + path, withDestinationPath: destination)
        }
        for path in bad.fifos { #expect(mkfifo(project.directory + "/" + path, 0o644) == 0) }
        for path in bad.removed { try FileManager.default.removeItem(atPath: project.directory + "/" + path) }
        if let sql = bad.sql { _ = try database.rows(sql) }
        let before = try database.snapshot()
        let run = try project.run(
            bad.command + (bad.connects ? ["--url", database.url] : []) + bad.arguments, environment: bad.environment)
        let firstLine = run.stderr.split(separator: "\n").first.map(String.init) ?? ""
        #expect(run.status == bad.status, "\(run.output)")
        #expect(firstLine.contains(bad.firstLine), "\(run.stderr)")
        #expect(!run.output.contains("Fatal error"))
        #expect(firstLine.count < 1_000, "the first line is \(firstLine.count) characters long")
        #expect(!run.output.contains("private-first-line"))
        #expect(try database.snapshot() == before)
    }
}
