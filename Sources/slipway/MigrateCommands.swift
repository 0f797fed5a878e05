import ArgumentParser
import Diagnostics
import MigrationReports

struct Migrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", _superCommandName: "slipway",
        abstract: "Validate, then apply pending versioned migrations in order and changed repeatable ones.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var planning: PlanningOptions
    @OptionGroup var dryRun: DryRunOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try dryRun.run(connection, planning, output, { try $0.migrate(dryRun: $1, events: $2) },
                       summary: MigrationText.summary)
    }
}

struct Info: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info", _superCommandName: "slipway",
        abstract: "Show every migration with its state (Flyway's columns), or as JSON.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var planning: PlanningOptions
    @OptionGroup var output: OutputOptions
    @Flag(help: "Print JSON (schema in the README) instead of a table.")
    var json = false
    @Option(help: ArgumentHelp(
        "Show only migrations in these states, comma-separated (e.g. Pending,Failed).", valueName: "states"))
    var state: String?

    func validate() throws {
        _ = try stateFilter()
    }

    func run() throws {
        let filter = try stateFilter()
        try CommandRunner.run(connection, output, extraSettings: planning.settings()) { workflow, console in
            var info = try workflow.info()
            if let filter { info = filter.apply(info) }
            console.result(json ? InfoJSON.render(info) : InfoTable.render(info))
        }
    }

    private func stateFilter() throws -> StateFilter? {
        do {
            return try state.map { text throws(Diagnostic) in try StateFilter(parsing: text) }
        } catch {
            throw ValidationError("--state: \(error.message); \(error.hint ?? "")")
        }
    }
}

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate", _superCommandName: "slipway",
        abstract: "Check applied migrations against the files: checksums, missing, failed and pending ones.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var planning: PlanningOptions
    @OptionGroup var output: OutputOptions
    @Flag(help: "Print {\"valid\", \"problems\"} as JSON (schema in the README) instead of diagnostics; same exit codes.")
    var json = false

    func run() throws {
        try CommandRunner.run(connection, output, extraSettings: planning.settings()) { workflow, console in
            let problems = try workflow.validate()
            if json {
                console.result(ValidateJSON.render(problems))
                if !problems.isEmpty { throw ExitStatus.code(for: problems) }
                return
            }
            if !problems.isEmpty { throw DiagnosticList(problems) }
            console.say("Validated: the database matches the migrations.")
        }
    }
}

struct Baseline: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline",
        abstract: "Mark an existing database as being at the baseline version, so migrate starts above it.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var planning: PlanningOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try CommandRunner.run(connection, output, extraSettings: planning.settings()) { workflow, console in
            // The baseline's own event prints its line; say something only when the baseline already existed.
            var announced = false
            let version = try workflow.baseline(events: { event in
                if case .baselined = event { announced = true }
                console.show(event)
            })
            if !announced { console.say("Already baselined at version \(version).") }
        }
    }
}

struct Repair: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repair",
        abstract: "Remove failed rows, realign checksums and descriptions, mark missing migrations deleted.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions

    @Flag(name: .customLong("flyway-community"), help: ArgumentHelp(
        "Also remove the UNDO_SQL rows Flyway Community refuses, with the rows of the versions they undid, so the "
            + "database can be handed to Flyway Community (undone versions are pending again)."))
    var flywayCommunity = false

    func run() throws {
        try CommandRunner.run(connection, output) { workflow, console in
            let result = try workflow.repair(forFlywayCommunity: flywayCommunity, events: { console.show($0) })
            console.say(MigrationText.summary(result))
        }
    }
}
