import Foundation
import Testing
import TestSupport

/// The lines Flyway users rely on: a no-op migrate says where the schema stands, a Future version warns,
/// errors name files relative to the project, and baseline says its line once.
@Suite struct MigrateMessageTests {
    func configured() throws -> (ExampleProject, [String]) {
        let project = try ExampleProject(.postgresql)
        return (project, ["--url", try TestServer.url(database: TestServer.createDatabase(prefix: "messages"))])
    }

    @Test("a no-op migrate says the schema is up to date at its version, as Flyway does; --quiet silences it")
    func upToDate() throws {
        let (project, url) = try configured()
        #expect(try project.run(["migrate"] + url).status == 0)
        let again = try project.run(["migrate"] + url)
        #expect(again.status == 0, "\(again.output)")
        #expect(again.stdout == "Schema \"public\" is up to date at version 1.0.2. No migration necessary.\n")
        let quiet = try project.run(["migrate", "--quiet"] + url)
        #expect(quiet.status == 0)
        #expect(quiet.stdout.isEmpty)
    }

    @Test("a version in the history newer than every file gets Flyway's warning, and migrate goes on")
    func futureVersion() throws {
        let (project, url) = try configured()
        #expect(try project.run(["migrate"] + url).status == 0)
        let database = try #require(url[1].split(separator: "/").last?.split(separator: "?").first.map(String.init))
        let connection = try TestServer.connect(database: database)
        defer { connection.close() }
        try connection.execute("""
            INSERT INTO flyway_schema_history VALUES (99, '2.0', 'From the future', 'SQL', 'V2_0__From_the_future.sql',
              1, 'x', now(), 1, true)
            """)
        let run = try project.run(["migrate"] + url)
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stderr.hasPrefix(
            "warning: Schema \"public\" has a version (2.0) that is newer than the latest available migration (1.0.2) !"),
            "\(run.output)")
    }

    @Test("migrate's errors name the file relative to the project, as validate's do")
    func relativePaths() throws {
        let (project, url) = try configured()
        try project.write("db/migration/V2__bad.sql", "SELECT 1;\nSELECT * FROM missing_table;\n")
        let run = try project.run(["migrate"] + url)
        #expect(run.status == 3, "\(run.output)")
        #expect(run.stderr.hasPrefix("db/migration/V2__bad.sql:2:"), "\(run.output)")
    }

    @Test("baseline prints its line once, on stdout")
    func baselineOnce() throws {
        let (project, url) = try configured()
        let run = try project.run(["baseline"] + url)
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stdout.components(separatedBy: "Baselined at version 1").count == 2, "\(run.output)")
        #expect(!run.stderr.contains("Baselined"))
    }
}
