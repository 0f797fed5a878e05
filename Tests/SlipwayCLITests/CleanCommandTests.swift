import Foundation
import PostgresClient
import Testing
import TestSupport

/// `slipway clean` is refused unless enabled, always refused on production, and empties the schemas otherwise.
@Suite struct CleanCommandTests {
    /// The example project migrated into a fresh database; returns the project, its URL and database name.
    static func migrated() throws -> (ExampleProject, String, String) {
        let project = try ExampleProject(.postgresql)
        let database = try TestServer.createDatabase(prefix: "clean")
        let url = try TestServer.url(database: database)
        let migrate = try project.run(["migrate", "--url", url])
        try #require(migrate.status == 0, "\(migrate.output)")
        return (project, url, database)
    }

    static func tableCount(_ database: String) throws -> String? {
        let connection = try TestServer.connect(database: database)
        defer { connection.close() }
        return try connection.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").rows.first?.first ?? nil
    }

    @Test("clean is refused by default (exit 4) and nothing is dropped")
    func refusedByDefault() throws {
        let (project, url, database) = try Self.migrated()
        let before = try Self.tableCount(database)
        let run = try project.run(["clean", "--url", url])
        #expect(run.status == 4, "\(run.output)")
        #expect(run.stderr.contains("clean refused"))
        #expect(run.stderr.contains("--clean-enabled"))
        #expect(try Self.tableCount(database) == before)
        #expect(before != "0")
    }

    @Test("clean is refused on a production environment even with --clean-enabled and FLYWAY_CLEAN_DISABLED=false")
    func refusedOnProduction() throws {
        let (project, url, database) = try Self.migrated()
        try project.write("slipway.toml", """
            [environments.live]
            url = "\(url)"
            production = true

            [flyway]
            locations = ["filesystem:db/migration"]
            """)
        let run = try project.run(
            ["clean", "--environment", "live", "--clean-enabled"], environment: ["FLYWAY_CLEAN_DISABLED": "false"])
        #expect(run.status == 4, "\(run.output)")
        #expect(run.stderr.contains("environment 'live' is marked production = true"))
        #expect(try Self.tableCount(database) != "0")
    }

    @Test("clean runs when enabled by flag or by variable; the catalog is empty and migrate works again",
          arguments: [(["--clean-enabled"], [:]), ([], ["FLYWAY_CLEAN_DISABLED": "false"])])
    func cleansWhenEnabled(flags: [String], environment: [String: String]) throws {
        let (project, url, database) = try Self.migrated()
        let run = try project.run(["clean", "--url", url] + flags, environment: environment)
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stdout.contains("Cleaned: emptied schema \"public\""), "\(run.stdout)")
        #expect(try Self.tableCount(database) == "0")
        let again = try project.run(["migrate", "--url", url])
        #expect(again.status == 0, "\(again.output)")
        #expect(again.stdout.contains("Applied 5 migrations"), "\(again.stdout)")
    }
}
