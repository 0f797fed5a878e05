import Foundation
import Testing
import TestSupport

/// `slipway test --watch` as a user runs it: a child process whose output is read as it comes.
@Suite struct WatchModeTests {
    /// The output of the `count`th run: what follows the previous run's `Watching …` line, once its own is there.
    static func run(_ number: Int, of watch: RunningProcess) throws -> String {
        var parts: [String] = []
        try waitUntil("watch run \(number) ends", while: watch, limit: .seconds(120)) {
            parts = watch.stdoutSoFar.components(separatedBy: "for changes (Ctrl-C stops)\n")
            return parts.count > number
        }
        return parts[number - 1]
    }

    @Test("re-runs what a change affects: a repeatable, a spec, a versioned migration; SIGINT stops it and removes the server")
    func watchLoop() throws {
        let project = try ExampleProject(.postgresql)
        let watch = try CLI.start(["test", "--watch", "--verbose"], in: project.directory)
        let first = try Self.run(1, of: watch)
        #expect(first.contains("Tests: 7 passed, 0 failed, 0 errored, 0 skipped (3 suites,"), "\(first)")
        let server = try #require(
            watch.stderrSoFar.firstRange(of: #/database: embedded PostgreSQL [^(]*\((?<dir>[^)]+)\)/#).map { String(watch.stderrSoFar[$0]) },
            "\(watch.stderrSoFar)")
        let directory = try #require(server.split(separator: "(").last?.dropLast()).description
        #expect(FileManager.default.fileExists(atPath: directory))

        // A changed repeatable is re-applied alone, then every suite runs.
        let original = try project.read("db/migration/R__merge_staged_products.sql")
        try project.write("db/migration/R__merge_staged_products.sql",
                          "create or replace procedure merge_staged_products() as $$ begin null; end; $$ LANGUAGE plpgsql;\n")
        let broken = try Self.run(2, of: watch)
        #expect(broken.hasPrefix("\nChanged: db/migration/R__merge_staged_products.sql\n  R            merge staged products"), "\(broken)")
        #expect(!broken.contains("V 1.0.0"), "\(broken)")
        #expect(broken.contains("Tests: 4 passed, 3 failed, 0 errored, 0 skipped (3 suites,"), "\(broken)")
        #expect(broken.contains("Failed tests (3):"), "\(broken)")

        // A changed spec runs that suite alone, on the template as it is (the broken procedure).
        try project.write("spec/schema.yml", try project.read("spec/schema.yml") + "\n# touched\n")
        let spec = try Self.run(3, of: watch)
        #expect(spec.contains("schema (spec/schema.yml)") && !spec.contains("gen_orders ("), "\(spec)")
        #expect(spec.contains("Tests: 2 passed, 0 failed, 0 errored, 0 skipped (1 suite,"), "\(spec)")

        try project.write("db/migration/R__merge_staged_products.sql", original)
        let fixed = try Self.run(4, of: watch)
        #expect(fixed.contains("Tests: 7 passed, 0 failed, 0 errored, 0 skipped (3 suites,"), "\(fixed)")

        // A new versioned migration rebuilds the template from the start.
        try project.write("db/migration/V1_0_3__Audit.sql", "CREATE TABLE audit (id int);\n")
        let rebuilt = try Self.run(5, of: watch)
        #expect(rebuilt.contains("  V 1.0.0") && rebuilt.contains("  V 1.0.3      Audit"), "\(rebuilt)")
        #expect(rebuilt.contains("Tests: 7 passed, 0 failed"), "\(rebuilt)")

        watch.signal(SIGINT)
        let ended = try watch.wait()
        #expect(ended.status == 130, "\(ended.output)")
        #expect(ended.stdout.hasSuffix("Stopped watching.\n"), "\(ended.stdout)")
        #expect(!FileManager.default.fileExists(atPath: directory), "the embedded server's directory is left")
    }

    @Test("a failed migration is reported and the watch goes on; the next good save runs the tests")
    func failedMigrationKeepsWatching() throws {
        let project = try ExampleProject(.postgresql)
        let watch = try CLI.start(["test", "--watch"], in: project.directory)
        _ = try Self.run(1, of: watch)
        try project.write("db/migration/R__gen_orders.sql", "CREATE PROCEDURE broken( AS $$ $$;\n")
        _ = try Self.run(2, of: watch)
        #expect(watch.stderrSoFar.contains("db/migration/R__gen_orders.sql:1:"), "\(watch.stderrSoFar)")
        try project.write("spec/gen_orders.yml", try project.read("spec/gen_orders.yml") + "\n")
        // The template is still the last good one, so the spec runs against it.
        let spec = try Self.run(3, of: watch)
        #expect(spec.contains("Tests: 2 passed, 0 failed"), "\(spec)")
        watch.signal(SIGINT)
        #expect(try watch.wait().status == 130)
    }

    @Test("--watch runs the example itself: its shared setup around each run, its data-migration spec left to a full run")
    func example() throws {
        let project = try ExampleProject()
        let watch = try CLI.start(["test", "--watch"], in: project.directory)
        let first = try Self.run(1, of: watch)
        #expect(first.contains("Tests: 8 passed, 0 failed, 0 errored, 0 skipped (3 suites,"), "\(first)")
        #expect(!first.contains("order_amounts"), "\(first)")
        watch.signal(SIGINT)
        #expect(try watch.wait().status == 130)
    }

    @Test("--watch refuses a configured database")
    func configuredDatabase() throws {
        let project = try ExampleProject(.postgresql)
        let run = try project.run(["test", "--watch", "--url", "postgresql://nobody@127.0.0.1:1/db"])
        #expect(run.status == 4, "\(run.output)")
        #expect(run.stderr.contains("--ephemeral"), "\(run.stderr)")
    }
}
