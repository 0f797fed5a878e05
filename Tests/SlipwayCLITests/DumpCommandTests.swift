import Foundation
import Testing
import TestSupport

/// `slipway dump`: the schema the migrations build, from the embedded server, stable between runs.
@Suite struct DumpCommandTests {
    @Test("dump --output migrates an embedded database and writes the same schema every run")
    func dumpsMigratedSchema() throws {
        let project = try ExampleProject(.postgresql)
        let first = try project.run(["dump", "--output", "schema.sql"])
        #expect(first.status == 0, "\(first.output)")
        #expect(first.stdout.contains("Wrote the schema to schema.sql"))
        let schema = try project.read("schema.sql")
        #expect(schema.contains("CREATE TABLE public.users"))
        #expect(schema.contains("CREATE PROCEDURE public.gen_orders"))
        #expect(schema.contains("CREATE TABLE public.flyway_schema_history"))
        #expect(!schema.contains("Dumped from"))

        let second = try project.run(["dump"])
        #expect(second.status == 0, "\(second.output)")
        #expect(second.stdout == schema, "stdout holds only the dump, identical to the file")
    }

    @Test("a configured database is dumped as it is, without migrating it")
    func configuredDatabase() throws {
        let project = try ExampleProject(.postgresql)
        let url = try TestServer.url(database: TestServer.createDatabase(prefix: "dumpcli"))
        let run = try project.run(["dump", "--url", url])
        #expect(run.status == 0, "\(run.output)")
        #expect(!run.stdout.contains("CREATE TABLE"))
    }
}
