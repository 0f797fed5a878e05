import ArgumentParser
import Coverage
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

    @Flag(help: ArgumentHelp(
        "Measure statement and branch coverage of the migrations' PL/pgSQL routines (plpgsql_check; on Amazon Redshift, procedure-level from its record of calls) and write Cobertura XML and LCOV."))
    var coverage = false

    @Option(help: "Folder for the coverage reports (cobertura.xml, lcov.info).")
    var coverageDir = "target/slipway-coverage"

    @Option(help: ArgumentHelp(
        "With --coverage, fail the run (exit 1) when less than this percentage of the routines' lines ran (config: coverageMin).",
        valueName: "percent"))
    var coverageMin: Int?

    @Option(help: "Exit 6 on plpgsql_check findings at or above this level, when the tests passed: warning or error.")
    var checkFailOn = LintCommand.Level.error

    @Flag(help: "Pass when no test is selected (no spec files, a --filter that matches nothing, an empty shard); by default that fails with exit 4.")
    var allowEmpty = false

    @Flag(help: "Keep the embedded server and the migrated database warm, and re-run what each change under the migration locations or the spec folder affects, until Ctrl-C (no reports are written).")
    var watch = false

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs takes a number of workers from 1 up, not \(jobs)") }
        if let coverageMin, !(0...100).contains(coverageMin) {
            throw ValidationError("--coverage-min takes a percentage from 0 to 100, not \(coverageMin)")
        }
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
        let extra = planning.settings().merging(coverageMin.map { ["coverageMin": String($0)] } ?? [:]) { $1 }
        try CommandRunner.run(connection, output, extraSettings: extra) { workflow, console in
            let started = ContinuousClock.now
            let request = TestRequest(
                specDirectory: specs, reportDirectory: reportDir, filter: filter, jobs: jobs,
                shard: try parsedShard(), coverageDirectory: coverage ? coverageDir : nil, allowEmpty: allowEmpty)
            let printer = TestPrinter(console: console)
            if watch { try watchTests(workflow, request, console, printer) }
            let result = try workflow.test(request, migrationEvents: { console.show($0) }, testEvents: printer.show)
            printer.finish(result, duration: (ContinuousClock.now - started).seconds)
            let belowMinimum = showCoverage(result, minimum: workflow.settings.coverageMin, console)
            if result.counts.failures + result.counts.errors > 0 || belowMinimum { throw ExitStatus.testsFailed.code }
            if result.routineFindings.contains(where: { checkFailOn == .warning || $0.severity == .error }) {
                throw ExitStatus.lintFindings.code
            }
        }
    }

    /// Runs until SIGINT or SIGTERM, then exits 130; each run prints as a run of `slipway test` does.
    private func watchTests(_ workflow: Workflow, _ request: TestRequest, _ console: Console, _ printer: TestPrinter) throws -> Never {
        try workflow.watch(
            request, migrationEvents: { console.show($0) }, testEvents: printer.show,
            changed: { console.say("\nChanged: \($0.joined(separator: ", "))") },
            runEnded: { run in
                switch run.outcome {
                case .success(let result): printer.finish(result, duration: run.duration)
                // Reported as a run would report it; the next change tries again.
                case .failure(let error): _ = CommandRunner.fail(error, console: console, interrupted: false)
                }
                console.say("Watching \(run.watched.joined(separator: ", ")) for changes (Ctrl-C stops)")
            })
        console.say("Stopped watching.")
        throw ExitStatus.interrupted.code
    }
}

/// Prints a test run as it goes: suite headers and test lines (with `--quiet` only failed tests, under their
/// suite's header), then the failed tests with their places, the summary and the reports.
final class TestPrinter {
    private let console: Console
    private let renderer: ConsoleRenderer
    /// With `--quiet`, the header of the running suite, until a failure prints it.
    private var pendingHeader: String?

    init(console: Console) {
        self.console = console
        renderer = ConsoleRenderer(color: console.colour)
    }

    func show(_ event: TestEvent) {
        switch event {
        case .suiteStarted(let name, let file):
            let header = renderer.header(suiteName: name, file: file)
            if console.quiet { pendingHeader = header } else { console.say(header) }
        case .testFinished(let test):
            switch test.outcome {
            case .failed, .errored: failing(renderer.line(for: test))
            case .passed, .skipped: console.say(renderer.line(for: test))
            }
        case .suiteFinished(let suite):
            if let failure = suite.setupError { failing(renderer.stageFailure(failure, stage: "setup")) }
            if let failure = suite.teardownError { failing(renderer.stageFailure(failure, stage: "teardown")) }
        // Emulated Redshift's rewrites are for --verbose, as in migrate.
        case .warning(let diagnostic) where diagnostic.code == "redshift-rewrite": console.detail(diagnostic.description)
        case .warning(let diagnostic): console.problem(diagnostic)
        }
    }

    /// A failure is printed even with `--quiet`, after its suite's header.
    private func failing(_ text: String) {
        if let header = pendingHeader { console.result(header) }
        pendingHeader = nil
        console.result(text)
    }

    func finish(_ result: TestRunResult, duration: Double) {
        if let failures = renderer.failureList(for: result.suites) { console.result(failures) }
        console.result(renderer.summary(for: result.suites, duration: duration))
        if let emulation = result.emulation {
            console.result("on \(emulation): evidence of PostgreSQL's behaviour under the rewrites, not of Redshift's")
        }
        if result.jobs > 1 { console.detail("workers: \(result.jobs)") }
        console.detail("reports: \(result.reportFiles.joined(separator: ", "))")
    }
}

extension Test {
    /// Prints the coverage table and where the reports went; whether the line coverage is below `minimum`.
    private func showCoverage(_ result: TestRunResult, minimum: Int?, _ console: Console) -> Bool {
        guard let report = result.coverage else { return false }
        let level = report.isProcedureLevel ? "procedure-level (calls, from the server's record)" : "lines and branches"
        console.result("coverage of stored procedures, \(level), worst first:\n" + report.table)
        console.detail("coverage reports: \(result.coverageFiles.joined(separator: ", "))")
        guard let minimum, report.linePercent < minimum else { return false }
        console.problem(Diagnostic(
            category: .testsFailed, code: "coverage-min",
            message: "line coverage of the routines is \(report.linePercent)%, below the minimum of \(minimum)%",
            hint: "add specs for the routines at the top of the table, or lower coverageMin"))
        return true
    }
}
