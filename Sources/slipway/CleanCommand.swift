import ArgumentParser
import MigrationReports

struct Clean: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clean",
        abstract: "Drop every object in the managed schemas, the history table included (disabled by default).",
        discussion: """
            Refused unless cleaning is enabled (--clean-enabled, cleanDisabled = false, FLYWAY_CLEAN_DISABLED=false), \
            and always refused on an environment marked production = true.
            """)

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var output: OutputOptions
    @Flag(help: "Allow clean for this run (the same as cleanDisabled = false).")
    var cleanEnabled = false

    func run() throws {
        let extra = cleanEnabled ? ["cleanDisabled": "false"] : [:]
        try CommandRunner.run(connection, output, extraSettings: extra) { workflow, console in
            console.say(MigrationText.summary(try workflow.clean()))
        }
    }
}
