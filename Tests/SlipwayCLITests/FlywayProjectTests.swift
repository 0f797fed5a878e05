import Foundation
import Testing
import TestSupport

/// A Flyway project switched to Slipway with no edit: the story's sample repository's shape (Maven layout, a pom
/// depending on Redshift's JDBC driver, FLYWAY_URL/FLYWAY_USER from the pipeline), and a Flyway 8 `flyway.conf`.
@Suite struct FlywayProjectTests {
    /// The PostgreSQL project's migrations and specs laid out as a Maven project, with no slipway.toml.
    static func mavenProject() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        let resources = directory.path + "/src/main/resources/db"
        try FileManager.default.createDirectory(atPath: resources, withIntermediateDirectories: true)
        let example = try ExampleProject(.postgresql)
        try FileManager.default.copyItem(atPath: example.directory + "/db/migration", toPath: resources + "/migration")
        try FileManager.default.copyItem(atPath: example.directory + "/spec", toPath: directory.path + "/spec")
        try directory.write("pom.xml", """
            <?xml version="1.0" encoding="UTF-8"?>
            <project xmlns="http://maven.apache.org/POM/4.0.0">
              <modelVersion>4.0.0</modelVersion>
              <groupId>com.example</groupId><artifactId>warehouse</artifactId><version>1.0-SNAPSHOT</version>
              <properties><flyway.version>8.0.2</flyway.version></properties>
              <build><plugins><plugin>
                <groupId>org.flywaydb</groupId><artifactId>flyway-maven-plugin</artifactId><version>${flyway.version}</version>
                <executions><execution><phase>process-resources</phase><goals><goal>migrate</goal></goals></execution></executions>
              </plugin></plugins></build>
              <dependencies><dependency>
                <groupId>com.amazon.redshift</groupId><artifactId>redshift-jdbc42</artifactId><version>2.1.0.28</version>
              </dependency></dependencies>
            </project>
            """)
        return directory
    }

    @Test("a Maven project runs migrate and info on a configured server from FLYWAY_URL, and test on the embedded one")
    func mavenProjectWithNoEdit() throws {
        let project = try Self.mavenProject()
        let database = try TestServer.createDatabase(prefix: "maven")
        // As the sample's buildspec does: the URL without the user, who comes in FLYWAY_USER.
        let url = try TestServer.url(database: database)
        let user = String(url.dropFirst("postgresql://".count).prefix { $0 != "@" })
        let environment = ["FLYWAY_URL": url.replacingOccurrences(of: "//\(user)@", with: "//"), "FLYWAY_USER": user]
        let migrate = try CLI.run(["migrate", "--verbose"], in: project.path, environment: environment)
        #expect(migrate.status == 0, "\(migrate.output)")
        #expect(migrate.stdout.contains("Applied 5 migrations"), "\(migrate.output)")
        // The pom's dependency on com.amazon.redshift says the project is written for Redshift.
        #expect(migrate.output.contains("redshift (emulated on PostgreSQL"), "\(migrate.output)")
        let info = try CLI.run(["info"], in: project.path, environment: environment)
        #expect(info.status == 0, "\(info.output)")
        #expect(info.stdout.contains("Success"), "\(info.output)")
        #expect(!info.stdout.contains("Pending"), "\(info.output)")
        let test = try CLI.run(["test"], in: project.path)
        #expect(test.status == 0, "\(test.output)")
        #expect(test.stdout.contains("Tests: 7 passed, 0 failed"), "\(test.output)")
    }

    @Test("a Flyway 8 flyway.conf in the project root configures the run, FLYWAY_DEFAULT_SCHEMA picks the history's schema")
    func flywayConfAndDefaultSchema() throws {
        let project = try ExampleProject(.postgresql)
        try FileManager.default.removeItem(atPath: project.directory + "/slipway.toml")
        let database = try TestServer.createDatabase(prefix: "conf")
        try project.write("flyway.conf", """
            # written for Flyway 8
            flyway.url=\(try TestServer.url(database: database))
            flyway.locations=filesystem:db/migration
            flyway.table=history
            flyway.postgresql.transactional.lock=false
            """)
        let run = try project.run(["migrate"], environment: ["FLYWAY_DEFAULT_SCHEMA": "audit"])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stderr.contains("note: setting 'flyway.postgresql.transactional.lock' in flyway.conf has no effect in Slipway"),
                "\(run.output)")
        let connection = try TestServer.connect(database: database)
        defer { connection.close() }
        let rows = try connection.execute("SELECT count(*) FROM audit.history WHERE success AND type = 'SQL'").rows
        #expect(rows.first?.first == "5")
    }

    @Test("FLYWAY_DRYRUN_OUTPUT makes migrate write its SQL to that file and change nothing, as in Flyway Teams")
    func dryRunOutputVariable() throws {
        let project = try ExampleProject(.postgresql)
        let database = try TestServer.createDatabase(prefix: "dryrun")
        let run = try project.run(
            ["migrate", "--url", try TestServer.url(database: database)], environment: ["FLYWAY_DRYRUN_OUTPUT": "release.sql"])
        #expect(run.status == 0, "\(run.output)")
        #expect(try project.read("release.sql").contains("-- V1_0_0__Users.sql"))
        let connection = try TestServer.connect(database: database)
        defer { connection.close() }
        #expect(try connection.execute("SELECT to_regclass('public.flyway_schema_history') IS NULL").rows.first?.first == "t")
    }

    @Test("FLYWAY_CONNECT_RETRIES retries a refused connection; FLYWAY_CONNECT_RETRIES_INTERVAL caps the wait")
    func connectRetries() throws {
        let project = try ExampleProject(.postgresql)
        let url = ["--url", "postgresql://slipway@127.0.0.1:1/db?connect_timeout=2"]
        let once = try project.run(["info"] + url)
        #expect(once.status == 5, "\(once.output)")
        #expect(!once.stderr.contains("retrying"))
        let retried = try project.run(
            ["info"] + url, environment: ["FLYWAY_CONNECT_RETRIES": "2", "FLYWAY_CONNECT_RETRIES_INTERVAL": "1"])
        #expect(retried.status == 5, "\(retried.output)")
        #expect(retried.stderr.components(separatedBy: "hint: retrying in 1 s (retry ").count == 3, "\(retried.output)")
        #expect(retried.stderr.hasSuffix("hint: check the URL, user and password (--url, --user, FLYWAY_URL, FLYWAY_USER, FLYWAY_PASSWORD, --secret-env), and that the server accepts connections from this machine\n"))
    }
}
