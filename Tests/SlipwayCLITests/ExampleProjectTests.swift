import Foundation
import Testing
import TestSupport
import Yams

/// The README's quick start and the seed story's scenario, run through the real binary on the embedded server.
@Suite struct ExampleProjectTests {
    @Test("slipway test passes the example project and writes one valid report per suite")
    func examplePasses() throws {
        let project = try ExampleProject()
        let run = try project.run(["test"])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stdout.contains("Tests: 10 passed, 0 failed, 0 errored, 0 skipped (4 suites,"), "\(run.stdout)")
        // It is Redshift SQL: the embedded server emulates Redshift, and says so.
        #expect(run.stdout.contains("on redshift (emulated on PostgreSQL"), "\(run.stdout)")
        // A clean run says nothing else: no notes about workers nobody asked for, no plpgsql_check findings.
        #expect(run.stderr.isEmpty, "\(run.stderr)")
        let reports = try FileManager.default.contentsOfDirectory(atPath: project.directory + "/target/slipway-reports")
        #expect(reports.sorted() == [
            "TEST-gen_orders.xml", "TEST-merge_staged_products.xml", "TEST-order_amounts.xml", "TEST-schema.xml",
        ])
        for report in reports {
            try ReportChecks.validate(project.directory + "/target/slipway-reports/" + report)
        }
    }

    @Test("the story's first-attempt procedure fails exactly the close_date and staging tests, saying why")
    func firstAttemptFails() throws {
        let project = try ExampleProject()
        try project.write("db/migration/R__merge_staged_products.sql", """
            create or replace procedure merge_staged_products()
            as $$
            begin
                update products set status='CLOSED' where product_name in (select product_name from products_staging) and status='ACTIVE';
                insert into products(product_name,price) select product_name, price from products_staging;
            end;
            $$ LANGUAGE plpgsql;
            """)
        let run = try project.run(["test"])
        #expect(run.status == 1, "\(run.output)")
        #expect(run.stdout.contains("Tests: 8 passed, 2 failed, 0 errored, 0 skipped (4 suites,"), "\(run.stdout)")
        let report = try project.read("target/slipway-reports/TEST-merge_staged_products.xml")
        let cases = try ReportChecks.testCases(report)
        #expect(cases["closed count equals the staged duplicates"] == "passed")
        #expect(cases["close_date is set on every retired product"] == "failed")
        #expect(cases["staging table is empty after the merge"] == "failed")
        // The failure says what was expected and what was found.
        // The story's datasets (sampledata/): 100 of the 500 products are staged again.
        #expect(run.stdout.contains("Expected no rows, have 100"))
        #expect(run.stdout.contains("have: 100\n      want: 0"), "\(run.stdout)")
    }

    @Test("asking for workers the emulated Redshift cannot have says why it runs one")
    func askedWorkers() throws {
        let run = try ExampleProject().run(["test", "--jobs", "2"])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stderr.contains("note: running the tests on one worker: redshift"), "\(run.stderr)")
    }

    @Test("the example is Redshift SQL: with --dialect postgresql it stops at its first Redshift word, naming the setting")
    func redshiftOnly() throws {
        let project = try ExampleProject()
        let run = try project.run(["test", "--dialect", "postgresql"])
        #expect(run.status != 0, "\(run.output)")
        #expect(run.output.contains("db/migration/V1_0_0__Users.sql:3:38: error: syntax error at or near \"ENCODE\""), "\(run.output)")
        #expect(run.output.contains("set dialect = \"redshift\" in slipway.toml"), "\(run.output)")
    }

    @Test("the story's tests use capture and the shared setup: no hard-coded email, every load a COPY from S3 in _setup.yml")
    func storyShape() throws {
        let specs = CLI.repositoryRoot + "/spec"
        let genOrders = try String(contentsOfFile: specs + "/gen_orders.yml", encoding: .utf8)
        #expect(genOrders.contains("capture:"))
        #expect(genOrders.contains("CALL gen_orders($email, 50)"), "the story's test calls gen_orders with the captured email")
        let shared = try String(contentsOfFile: specs + "/_setup.yml", encoding: .utf8)
        for table in ["users", "products", "products_staging"] {
            #expect(shared.contains("copy \(table) ("), "\(table)")
        }
        for file in try FileManager.default.contentsOfDirectory(atPath: specs) where file != "_setup.yml" {
            let text = try String(contentsOfFile: specs + "/" + file, encoding: .utf8)
            #expect(!text.lowercased().contains("copy "), "\(file) loads its own copy of the shared data")
        }
    }

    @Test("migrate twice: the second run has nothing to do and says only that")
    func quietNoOp() throws {
        let project = try ExampleProject()
        let database = try TestServer.createDatabase(prefix: "cli")
        let url = try TestServer.url(database: database)
        let first = try project.run(["migrate", "--url", url])
        #expect(first.status == 0, "\(first.output)")
        #expect(first.stdout.contains("Applied 6 migrations"), "\(first.output)")
        let second = try project.run(["migrate", "--url", url])
        #expect(second.status == 0)
        #expect(second.output == "Schema \"public\" is up to date at version 1.0.3. No migration necessary.\n", "\(second.output)")
        let info = try project.run(["info", "--url", url, "--json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(info.stdout.utf8)) as? [String: Any])
        #expect(json["schemaVersion"] as? String == "1.0.3")
        let states = (json["migrations"] as? [[String: Any]])?.compactMap { $0["state"] as? String }
        #expect(states == Array(repeating: "Success", count: 6))
    }

    @Test("the CodeBuild buildspecs parse and point the report group at the report directory")
    func buildspecs() throws {
        let test = try #require(try Yams.load(yaml: String(contentsOfFile: CLI.repositoryRoot + "/buildspecs/buildspec_test.yml", encoding: .utf8)) as? [String: Any])
        #expect(test["version"] as? Double == 0.2)
        let reports = try #require(test["reports"] as? [String: [String: Any]])
        let group = try #require(reports["SlipwayReports"])
        #expect(group["file-format"] as? String == "JUNITXML")
        #expect(group["base-directory"] as? String == "target/slipway-reports")
        #expect(reports["SlipwayCoverage"]?["file-format"] as? String == "COBERTURAXML")
        let testCommands = ((test["phases"] as? [String: Any])?["build"] as? [String: Any])?["commands"] as? [String]
        #expect(testCommands?.contains { $0.contains("slipway test") } == true)
        let prod = try #require(try Yams.load(yaml: String(contentsOfFile: CLI.repositoryRoot + "/buildspecs/buildspec_prod.yml", encoding: .utf8)) as? [String: Any])
        let prodCommands = ((prod["phases"] as? [String: Any])?["build"] as? [String: Any])?["commands"] as? [String]
        #expect(prodCommands?.contains { $0.contains("slipway migrate") } == true)
        #expect(prodCommands?.contains { $0.contains("slipway test") } == false)
    }
}
