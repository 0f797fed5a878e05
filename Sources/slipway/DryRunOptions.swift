import ArgumentParser
import Diagnostics
import Foundation
import JUnitReport
import MigrationReports
import MigrationResults
import Migrator
import Workflows

/// `--dry-run` and `--dry-run-output`, for the commands that change the database through migrations.
struct DryRunOptions: ParsableArguments {
    @Flag(help: "Change nothing: print the SQL that would run (migrations, callbacks, history rows), for psql.")
    var dryRun = false

    @Option(help: ArgumentHelp("Write the dry-run SQL to this file instead of stdout (implies --dry-run).", valueName: "file"))
    var dryRunOutput: String?

    /// Runs migrate or undo (`body`) as asked: for real, printing progress and `summary`, or as a dry run (also
    /// when the settings name a `dryRunOutput` file, as Flyway Teams' does).
    func run(
        _ connection: ConnectionOptions, _ planning: PlanningOptions, _ output: OutputOptions,
        _ body: (Workflow, Bool, @escaping (MigrationEvent) -> Void) throws -> MigrateResult,
        summary: (MigrateResult) -> String?
    ) throws {
        try CommandRunner.run(connection, output, extraSettings: planning.settings()) { workflow, console in
            let file = dryRunOutput ?? workflow.settings.dryRunOutput
            let isOn = dryRun || file != nil
            let result = try body(workflow, isOn, events(console, dryRun: isOn))
            try finish(result, file: file, console: console) { summary(result) }
        }
    }

    /// How to show progress: a dry run reports no steps, since nothing ran, and its SQL may be on stdout.
    private func events(_ console: Console, dryRun: Bool) -> (MigrationEvent) -> Void {
        guard dryRun else { return { console.show($0) } }
        return { event in
            if case .warning(let diagnostic) = event { console.problem(diagnostic) }
        }
    }

    /// Writes the dry-run script where asked, or prints the real run's summary.
    private func finish(_ result: MigrateResult, file: String?, console: Console, summary: () -> String?) throws {
        guard let script = result.dryRunScript else {
            console.say(summary())
            return
        }
        guard let file else {
            console.result(script)
            return
        }
        // Redacted as the console is; complete or absent, so a full disk leaves no truncated script.
        do throws(ReportFile.WriteFailure) {
            try ReportFile.write(console.redactor.redact(script), to: file)
        } catch {
            throw Diagnostic(
                category: .output, code: "dry-run-output", message: "cannot write the dry-run SQL to '\(file)'",
                notes: ["reason: \(error.reason)"],
                hint: "free space on its disk or choose another --dry-run-output file; nothing was changed")
        }
        console.say("Dry run: wrote the SQL of \(result.applied.count) migration(s) to \(file); nothing was changed.")
    }
}
