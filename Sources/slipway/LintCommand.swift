import ArgumentParser
import Diagnostics
import Lint

struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Flag risky statements in pending migrations, and applied migrations whose files changed.",
        discussion: """
            Each finding reads file:line:col: warning|error: message [rule-name]. Silence a rule for one statement \
            with a comment `-- slipway:lint-ignore rule-name` on the statement's first line or the line before. \
            Then plpgsql_check (when the server has it) checks every PL/pgSQL routine the migrations define, on the \
            embedded server after migrating it: file:line:col: error|warning: message [SQLSTATE], at the statement \
            in the migration file. Exit 6 when a finding is at or above --fail-on.
            """)

    enum Level: String, ExpressibleByArgument, CaseIterable {
        case warning, error

        var severity: Diagnostic.Severity { self == .warning ? .warning : .error }
    }

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var planning: PlanningOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "Exit 6 on findings at or above this level: warning or error.")
    var failOn = Level.error

    func run() throws {
        try CommandRunner.run(connection, output, extraSettings: planning.settings()) { workflow, console in
            let report = try workflow.lint()
            for finding in report.findings {
                console.result(console.paint(finding.diagnostic.description, severity: finding.rule.level))
            }
            for finding in report.routineFindings {
                console.result(console.paint(finding.description, severity: finding.severity))
            }
            console.say(report.summary)
            if report.hasFindings(atOrAbove: failOn.severity) { throw ExitStatus.lintFindings.code }
        }
    }
}
