import ArgumentParser
import Diagnostics
import Foundation
import JUnitReport
import SpecRunner
import TestResults
import Workflows

struct Test: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Migrate, then run the SQL test specs and write JUnit XML reports.",
        discussion: "Exit 0 when every test passed, 1 when a test failed or errored, other codes when the run could not happen.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var planning: PlanningOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "Folder of spec files (*.yml, *.yaml).")
    var specs = "spec"

    @Option(help: "Folder for the JUnit XML reports (one TEST-<suite>.xml per suite).")
    var reportDir = "target/slipway-reports"

    @Option(help: "Run only tests whose name or suite contains this text, or with tag:NAME (repeatable).")
    var filter: [String] = []

    @Option(help: ArgumentHelp(
        "Run the suites on this many workers, each on its own copy of the migrated database (default: the number of cores on the embedded server, else 1).",
        valueName: "n"))
    var jobs: Int?

    @Option(help: ArgumentHelp(
        "Run only shard I of N: a stable part of the suites, for spreading one test run over several build machines.",
        valueName: "i/n"))
    var shard: String?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs takes a number of workers from 1 up, not \(jobs)") }
        do {
            _ = try parsedShard()
        } catch {
            throw ValidationError([error.message, error.hint].compactMap { $0 }.joined(separator: "; "))
        }
    }

    private func parsedShard() throws(Diagnostic) -> SuiteShard? {
        try shard.map { text throws(Diagnostic) in try SuiteShard(parsing: text) }
    }

    func run() throws {
        try CommandRunner.run(connection, output, extraSettings: planning.settings()) { workflow, console in
            let renderer = ConsoleRenderer(color: console.colour)
            let started = ContinuousClock.now
            let request = TestRequest(
                specDirectory: specs, reportDirectory: reportDir, filter: filter, jobs: jobs,
                shard: try parsedShard())
            let result = try workflow.test(
                request, migrationEvents: { console.show($0) },
                testEvents: { event in
                    switch event {
                    case .suiteStarted(let name, let file): console.say(renderer.header(suiteName: name, file: file))
                    case .testFinished(let test): console.say(renderer.line(for: test))
                    case .suiteFinished(let suite):
                        if let failure = suite.setupError { console.say(renderer.stageFailure(failure, stage: "setup")) }
                        if let failure = suite.teardownError {
                            console.say(renderer.stageFailure(failure, stage: "teardown"))
                        }
                    // Emulated Redshift's rewrites are for --verbose, as in migrate.
                    case .warning(let diagnostic) where diagnostic.code == "redshift-rewrite": console.detail(diagnostic.description)
                    case .warning(let diagnostic): console.problem(diagnostic)
                    }
                })
            console.result(renderer.summary(for: result.suites, duration: (ContinuousClock.now - started).seconds))
            if let emulation = result.emulation {
                console.result("on \(emulation): evidence of PostgreSQL's behaviour under the rewrites, not of Redshift's")
            }
            if result.jobs > 1 { console.detail("workers: \(result.jobs)") }
            console.detail("reports: \(result.reportFiles.joined(separator: ", "))")
            if result.counts.failures + result.counts.errors > 0 { throw ExitStatus.testsFailed.code }
        }
    }
}
