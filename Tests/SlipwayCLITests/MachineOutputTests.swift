import Foundation
import Testing
import TestSupport

/// `info --json`, `info --state` and `validate --json`: what pipelines parse.
@Suite struct MachineOutputTests {
    static let documentKeys: Set<String> = ["schemaVersion", "schema", "table", "dialect", "serverVersion", "migrations"]
    static let entryKeys: Set<String> = [
        "category", "version", "description", "type", "script", "checksum", "installedRank", "installedOn",
        "installedBy", "executionTime", "state", "undoable",
    ]
    static let problemKeys: Set<String> = ["severity", "code", "message", "file", "line", "column", "notes", "hint"]

    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func migratedProject() throws -> (ExampleProject, String) {
        let project = try ExampleProject(.postgresql)
        let url = try TestServer.url(database: TestServer.createDatabase(prefix: "json"))
        let migrate = try project.run(["migrate", "--url", url])
        try #require(migrate.status == 0, "\(migrate.output)")
        return (project, url)
    }

    @Test("info --json has every documented key, with nulls for what is unknown")
    func infoJSONKeys() throws {
        let project = try ExampleProject(.postgresql)
        let run = try project.run(["info", "--json"])
        #expect(run.status == 0, "\(run.output)")
        let document = try Self.object(run.stdout)
        #expect(Set(document.keys) == Self.documentKeys)
        #expect(document["schemaVersion"] is NSNull)
        #expect(document["dialect"] as? String == "postgresql")
        let migrations = try #require(document["migrations"] as? [[String: Any]])
        #expect(migrations.count == 5)
        for entry in migrations {
            #expect(Set(entry.keys) == Self.entryKeys)
            #expect(entry["state"] as? String == "Pending")
            #expect(entry["installedRank"] is NSNull && entry["installedOn"] is NSNull)
            #expect(entry["undoable"] is Bool)
        }
        let repeatable = try #require(migrations.first { $0["category"] as? String == "Repeatable" })
        #expect(repeatable["version"] is NSNull)
    }

    @Test("info --state keeps only the named states, in the table and in JSON")
    func stateFilter() throws {
        let (project, url) = try Self.migratedProject()
        try project.write("db/migration/V1_0_3__More.sql", "CREATE TABLE more (id int);\n")

        let pending = try project.run(["info", "--url", url, "--json", "--state", "pending"])
        #expect(pending.status == 0, "\(pending.output)")
        let entries = try #require(try Self.object(pending.stdout)["migrations"] as? [[String: Any]])
        #expect(entries.map { $0["script"] as? String } == ["V1_0_3__More.sql"])

        let both = try project.run(["info", "--url", url, "--json", "--state", "Pending, Success"])
        #expect(try #require(try Self.object(both.stdout)["migrations"] as? [[String: Any]]).count == 6)

        let table = try project.run(["info", "--url", url, "--state", "Success"])
        #expect(table.status == 0)
        #expect(table.stdout.contains("| Success"))
        #expect(!table.stdout.contains("Pending"))
        #expect(!table.stdout.contains("V1_0_3") && !table.stdout.contains("More"))
    }

    @Test("an unknown state is a bad command line (exit 64) listing the states")
    func unknownState() throws {
        let project = try ExampleProject(.postgresql)
        let run = try project.run(["info", "--state", "Pending,Sleeping"])
        #expect(run.status == 64, "\(run.output)")
        #expect(run.stderr.contains("unknown migration state 'Sleeping'"))
        #expect(run.stderr.contains("Out of Order"))
    }

    @Test("validate --json on a matching database: valid, no problems, exit 0")
    func validateJSONValid() throws {
        let (project, url) = try Self.migratedProject()
        let run = try project.run(["validate", "--url", url, "--json"])
        #expect(run.status == 0, "\(run.output)")
        let document = try Self.object(run.stdout)
        #expect(document["valid"] as? Bool == true)
        #expect((document["problems"] as? [Any])?.isEmpty == true)
    }

    @Test("validate --json on an edited applied migration: not valid, each problem located, exit 2")
    func validateJSONInvalid() throws {
        let (project, url) = try Self.migratedProject()
        try project.write("db/migration/V1_0_0__Users.sql", "CREATE TABLE users (id int);\n")
        try project.write("db/migration/V1_0_3__More.sql", "CREATE TABLE more (id int);\n")
        let run = try project.run(["validate", "--url", url, "--json"])
        #expect(run.status == 2, "\(run.output)")
        let document = try Self.object(run.stdout)
        #expect(document["valid"] as? Bool == false)
        let problems = try #require(document["problems"] as? [[String: Any]])
        for problem in problems { #expect(Set(problem.keys) == Self.problemKeys) }
        let codes = problems.compactMap { $0["code"] as? String }
        #expect(codes.contains("checksum-mismatch") && codes.contains("pending-migration"), "\(codes)")
        let mismatch = try #require(problems.first { $0["code"] as? String == "checksum-mismatch" })
        #expect(mismatch["file"] as? String == "db/migration/V1_0_0__Users.sql")
        #expect(mismatch["severity"] as? String == "error")
        #expect(mismatch["line"] is Int)
    }
}
