import ArgumentParser
import MigrationReports

struct Undo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "undo",
        abstract: "Undo the latest applied versioned migration with its U file, or every version above --target.",
        discussion: "Each undo file and its UNDO_SQL history row run in one transaction. When a version to undo "
            + "has no undo file, nothing is changed.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var planning: PlanningOptions
    @OptionGroup var dryRun: DryRunOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try dryRun.run(connection, planning, output, { try $0.undo(dryRun: $1, events: $2) },
                       summary: MigrationText.undoSummary)
    }
}
