import Foundation
import Testing
import TestSupport

/// `slipway test --coverage` and the routines' static check in `test` and `lint`, on projects of their own on the
/// embedded server (which has plpgsql_check).
@Suite struct CoverageCommandTests {
    static let procedure = "-- Stores positive numbers, complains about the others.\n" + CoverageFixture.classify

    static func spec(_ suite: String, _ value: Int) -> String {
        """
        suite: \(suite)
        tests:
          - name: classify(\(value)) runs
            when:
              sql: CALL classify(\(value))
            then:
              - query: SELECT count(*) FROM t
                equals: \(value > 0 ? 1 : 0)

        """
    }

    /// A project with a table, the procedure in a repeatable migration and two suites, one per branch.
    static func project(extra: [String: String] = [:]) throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        try directory.write("slipway.toml", "[flyway]\nlocations = [\"filesystem:db/migration\"]\n")
        try directory.write("db/migration/V1__t.sql", "CREATE TABLE t (a int);\n")
        try directory.write("db/migration/R__classify.sql", procedure)
        try directory.write("spec/positive.yml", spec("positive", 1))
        try directory.write("spec/negative.yml", spec("negative", -1))
        for (path, text) in extra { try directory.write(path, text) }
        return directory
    }

    @Test("one branch taken: the table shows 3 of 4 lines and 1 of 2 branches; Cobertura has line 7 unrun")
    func oneBranch() throws {
        let project = try Self.project()
        let run = try CLI.run(["test", "--coverage", "--filter", "positive", "--jobs", "1"], in: project.path)
        #expect(run.status == 0, "\(run.output)")
        let row = run.stdout.split(separator: "\n").first { $0.contains("classify(integer)") }
            .map { $0.split(separator: " ").joined(separator: " ") }
        #expect(row == "classify(integer) db/migration/R__classify.sql:2 3/4 75% 1/2 50% 1", "\(run.stdout)")
        let cobertura = try String(contentsOfFile: project.path + "/target/slipway-coverage/cobertura.xml", encoding: .utf8)
        #expect(cobertura.contains("filename=\"db/migration/R__classify.sql\""))
        #expect(cobertura.contains("<line number=\"7\" hits=\"0\" branch=\"false\"/>"), "\(cobertura)")
        #expect(cobertura.contains("<line number=\"4\" hits=\"1\" branch=\"true\" condition-coverage=\"50% (1/2)\"/>"), "\(cobertura)")
    }

    @Test("--jobs 2 gives the same coverage as --jobs 1: both branches, all lines")
    func workersAgree() throws {
        let project = try Self.project()
        let serial = try CLI.run(["test", "--coverage", "--jobs", "1"], in: project.path)
        try #require(serial.status == 0, "\(serial.output)")
        let one = try String(contentsOfFile: project.path + "/target/slipway-coverage/lcov.info", encoding: .utf8)
        let parallel = try CLI.run(["test", "--coverage", "--jobs", "2", "--verbose"], in: project.path)
        try #require(parallel.status == 0, "\(parallel.output)")
        #expect(parallel.output.contains("workers: 2"), "\(parallel.output)")
        let two = try String(contentsOfFile: project.path + "/target/slipway-coverage/lcov.info", encoding: .utf8)
        #expect(one == two)
        #expect(one.contains("BRH:2\n") && one.contains("LH:4\n") && one.contains("FNDA:2,classify(integer)\n"), "\(one)")
    }

    @Test("below --coverage-min, or the config's coverageMin, the run fails with exit 1")
    func minimum() throws {
        let project = try Self.project()
        let low = try CLI.run(["test", "--coverage", "--filter", "positive", "--coverage-min", "80"], in: project.path)
        #expect(low.status == 1, "\(low.output)")
        #expect(low.stderr.contains("line coverage of the routines is 75%, below the minimum of 80%"), "\(low.output)")
        #expect(try CLI.run(["test", "--coverage", "--filter", "positive", "--coverage-min", "75"], in: project.path).status == 0)
        try project.write("slipway.toml", "[flyway]\nlocations = [\"filesystem:db/migration\"]\ncoverageMin = 90\n")
        #expect(try CLI.run(["test", "--coverage", "--filter", "positive"], in: project.path).status == 1)
    }

    static let bad = """
        CREATE FUNCTION bad() RETURNS int LANGUAGE plpgsql AS $$
        DECLARE
          v int;
        BEGIN
          SELECT no_such_col INTO v FROM t;
          RETURN v;
        END;
        $$;

        """

    @Test("lint and test report plpgsql_check's findings at file:line:col; an error exits 6")
    func staticCheck() throws {
        let project = try Self.project(extra: ["db/migration/V2__bad.sql": Self.bad])
        let lint = try CLI.run(["lint"], in: project.path)
        #expect(lint.status == 6, "\(lint.output)")
        #expect(lint.stdout.contains("db/migration/V2__bad.sql:5:10: error: column \"no_such_col\" does not exist [42703]"), "\(lint.output)")
        #expect(lint.stdout.contains("plpgsql_check: 1 error, 0 warnings in 2 routines"), "\(lint.output)")
        let test = try CLI.run(["test"], in: project.path)
        #expect(test.status == 6, "\(test.output)")
        #expect(test.output.contains("db/migration/V2__bad.sql:5:10: error: column \"no_such_col\" does not exist [42703]"), "\(test.output)")
        #expect(test.stdout.contains("2 passed"), "\(test.output)")
    }

    @Test("a configured database without the extension: --coverage exits 4 saying what to do; a plain test runs")
    func extensionMissing() throws {
        let project = try Self.project()
        let database = try TestServer.createDatabase(prefix: "coverage")
        let admin = try TestServer.connect(database: database)
        try admin.execute("DROP EXTENSION plpgsql_check")
        admin.close()
        let url = try TestServer.url(database: database)
        let coverage = try CLI.run(["test", "--coverage", "--url", url], in: project.path)
        #expect(coverage.status == 4, "\(coverage.output)")
        #expect(coverage.stderr.contains("the plpgsql_check extension is not created in database \(database)"), "\(coverage.output)")
        #expect(coverage.stderr.contains("CREATE EXTENSION plpgsql_check"), "\(coverage.output)")
        let plain = try CLI.run(["test", "--url", url], in: project.path)
        #expect(plain.status == 0, "\(plain.output)")
        #expect(!plain.output.contains("plpgsql_check"), "\(plain.output)")
    }

    @Test("a server that does not preload plpgsql_check: the counts stay in the session, so one worker runs them all")
    func withoutPreload() throws {
        // The same server through symbolic links: Slipway does not see the library beside them, so it neither
        // preloads it nor puts it in the template; the server still finds the extension by its real path.
        let links = try TemporaryDirectory()
        let server = try PostgresBinariesDirectory.located()
        for program in ["initdb", "postgres", "pg_ctl"] {
            try FileManager.default.createDirectory(atPath: links.path + "/bin", withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: links.path + "/bin/" + program, withDestinationPath: server + "/" + program)
        }
        let project = try Self.project()
        let run = try CLI.run(
            ["test", "--coverage", "--jobs", "2"], in: project.path, environment: ["SLIPWAY_PG_BIN": links.path + "/bin"])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stderr.contains("running the tests on one worker: without plpgsql_check in shared_preload_libraries"), "\(run.output)")
        let lcov = try String(contentsOfFile: project.path + "/target/slipway-coverage/lcov.info", encoding: .utf8)
        #expect(lcov.contains("BRH:2\n") && lcov.contains("FNDA:2,classify(integer)\n"), "\(lcov)")
    }
}

/// The bin directory of the server the tests use (`SLIPWAY_PG_BIN`, else Debian's newest).
enum PostgresBinariesDirectory {
    static func located() throws -> String {
        if let explicit = ProcessInfo.processInfo.environment["SLIPWAY_PG_BIN"], !explicit.isEmpty { return explicit }
        let majors = try FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql").compactMap(Int.init).sorted()
        return "/usr/lib/postgresql/\(try #require(majors.last))/bin"
    }
}
