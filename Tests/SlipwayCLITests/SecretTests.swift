import Foundation
import Testing
import TestSupport

/// A password given in any of the five ways never shows in stdout, stderr, report files or dry-run output, whatever
/// the command and however it ends.
@Suite(.serialized) struct SecretTests {
    static let password = "s3cr3t-Leak-Pw"
    static let server = Result { try PasswordServer(role: "etl", password: password) }

    enum Source: String, CaseIterable {
        case url, environment, secretJSON, configFile, secretsManager
    }

    /// The arguments and environment that point slipway at `database` with the password given through `source`.
    static func connection(_ source: Source, database: String, project: ExampleProject) throws
        -> (arguments: [String], environment: [String: String])
    {
        let port = try server.get().port
        switch source {
        case .url:
            return (["--url", "postgresql://etl:\(password)@127.0.0.1:\(port)/\(database)"], [:])
        case .environment:
            return ([], ["FLYWAY_URL": "postgresql://etl@127.0.0.1:\(port)/\(database)", "FLYWAY_PASSWORD": password])
        case .secretJSON:
            let secret = "{\"username\": \"etl\", \"password\": \"\(password)\", \"host\": \"127.0.0.1\", "
                + "\"port\": \(port), \"dbName\": \"\(database)\"}"
            return (["--secret-env", "DB_SECRET"], ["DB_SECRET": secret])
        case .secretsManager:
            let moto = try MotoServer.shared.get()
            let name = "slipway/\(database)"
            try moto.boto3("""
                boto3.client('secretsmanager', endpoint_url=endpoint).create_secret(Name='\(name)', SecretString=json.dumps(
                    {"username": "etl", "password": "\(password)", "host": "127.0.0.1", "port": \(port), "dbName": "\(database)"}))
                """)
            return (["--secret-id", name], moto.environment)
        case .configFile:
            try project.write("slipway.toml", """
                [environments.leak]
                url = "jdbc:postgresql://127.0.0.1:\(port)/\(database)"
                user = "etl"
                password = "\(password)"

                [flyway]
                locations = ["filesystem:db/migration"]
                """)
            return (["--environment", "leak"], [:])
        }
    }

    @Test("every command, passing or failing, keeps the password out of output and reports", arguments: Source.allCases)
    func neverShown(source: Source) throws {
        let project = try ExampleProject(.postgresql)
        let database = try Self.server.get().createDatabase()
        let (connection, environment) = try Self.connection(source, database: database, project: project)
        var seen: [(String, Int32)] = []
        func run(_ arguments: [String]) throws {
            let result = try project.run(arguments + connection, environment: environment)
            seen.append((arguments.joined(separator: " "), result.status))
            #expect(!result.output.contains(Self.password), "\(arguments): \(result.output)")
        }
        try run(["migrate", "--dry-run", "--verbose"])
        try run(["migrate", "--dry-run-output", "dry-run.sql"])
        try run(["lint", "--verbose"])
        try run(["migrate", "--verbose"])
        try run(["info", "--verbose"])
        try run(["info", "--json"])
        try run(["validate", "--verbose"])
        try run(["test", "--verbose", "--report-dir", "reports/pass"])
        try project.write("spec/failing.yml", "suite: failing\ntests:\n  - name: wrong\n    then:\n      - query: SELECT 1\n        equals: 2\n")
        try run(["test", "--verbose", "--report-dir", "reports/fail"])
        try project.write("db/migration/V9__Broken.sql", "SELECT 1;\nINSERT INTO nowhere VALUES (1);\n")
        try run(["migrate", "--verbose"])
        try FileManager.default.removeItem(atPath: project.directory + "/db/migration/V9__Broken.sql")
        try project.write("db/migration/V1_0_0__Users.sql", "CREATE TABLE users (id int);\n")
        try run(["validate", "--verbose"])
        try run(["repair", "--verbose"])
        try run(["baseline", "--verbose"])
        // Every run reached the database: the password was used, not merely absent.
        #expect(seen.map(\.1) == [0, 0, 0, 0, 0, 0, 0, 0, 1, 3, 2, 0, 2], "\(seen)")
        let reports = try FileManager.default.subpathsOfDirectory(atPath: project.directory + "/reports")
        #expect(reports.contains { $0.hasSuffix(".xml") })
        #expect(try project.read("dry-run.sql").contains("INSERT INTO"))
        for report in reports.map({ "reports/" + $0 }) + ["dry-run.sql"] {
            let text = (try? project.read(report)) ?? ""
            #expect(!text.contains(Self.password), "\(report)")
        }
    }

    @Test("a password in a failing value, the SQL text or a server message is hidden in the JUnit report too")
    func hiddenInReports() throws {
        let project = try ExampleProject(.postgresql)
        let database = try Self.server.get().createDatabase()
        let (connection, environment) = try Self.connection(.environment, database: database, project: project)
        try project.write("spec/leak.yml", """
            suite: leak
            tests:
              - name: value
                then:
                  - query: SELECT '\(Self.password)'::text
                    equals: something else
              - name: message
                when: SELECT '\(Self.password)'::int
            """)
        let run = try project.run(["test", "--report-dir", "reports"] + connection, environment: environment)
        #expect(run.status == 1, "\(run.output)")
        #expect(!run.output.contains(Self.password))
        let report = try project.read("reports/TEST-leak.xml")
        #expect(report.contains("invalid input syntax for type integer"), "\(report)")
        #expect(report.contains("***"), "\(report)")
        #expect(!report.contains(Self.password), "\(report)")
    }

    @Test("the embedded server starts without Slipway's secrets in its environment")
    func embeddedEnvironment() throws {
        let project = try ExampleProject(.postgresql)
        let canary = "env-canary-" + UUID().uuidString.prefix(8)
        // SQL on the server can read the postmaster's environment (backends overwrite their own with their title).
        let environment = "encode(pg_read_binary_file('/proc/' || split_part(pg_read_file('postmaster.pid'), E'\\n', 1) "
            + "|| '/environ'), 'escape')"
        try project.write("spec/environment.yml", """
            suite: environment
            tests:
              - name: no secret in the server's environment
                then:
                  - query: SELECT \(environment) LIKE '%\(canary)%'
                    equals: false
                  - query: SELECT \(environment) LIKE '%PATH=%'
                    equals: true
            """)
        let run = try project.run(["test", "--filter", "environment"], environment: [
            "FLYWAY_PASSWORD": canary + "-1", "PGPASSWORD": canary + "-2",
            "DB_SECRET": "{\"password\": \"\(canary)-3\"}",
        ])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stdout.contains("1 passed, 0 failed"), "\(run.stdout)")
    }

    @Test("a wrong password exits 5 and shows neither password")
    func wrongPassword() throws {
        let project = try ExampleProject(.postgresql)
        let port = try Self.server.get().port
        let database = try Self.server.get().createDatabase()
        let before = try project.run(["info", "--url", "postgresql://etl@127.0.0.1:\(port)/\(database)"],
                                     environment: ["FLYWAY_PASSWORD": Self.password])
        #expect(before.status == 0, "\(before.output)")
        let run = try project.run(
            ["migrate", "--url", "postgresql://etl:Wr0ng-Guess@127.0.0.1:\(port)/\(database)", "--verbose"])
        #expect(run.status == 5, "\(run.output)")
        #expect(run.stderr.contains("password authentication failed for user \"etl\""), "\(run.stderr)")
        #expect(!run.output.contains("Wr0ng-Guess") && !run.output.contains(Self.password))
    }
}
