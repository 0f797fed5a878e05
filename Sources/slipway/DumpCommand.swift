import ArgumentParser
import Diagnostics
import Foundation

struct Dump: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dump",
        abstract: "Write the schema with the server's own pg_dump --schema-only, stable for review diffs.",
        discussion: """
            On the embedded PostgreSQL (no database configured, or --ephemeral) the migrations are applied first, \
            so `slipway dump --output schema.sql` writes the schema the migrations build.
            """)

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var planning: PlanningOptions
    @OptionGroup var output: OutputOptions
    @Option(name: .customLong("output"), help: ArgumentHelp(
        "Write the schema to this file instead of standard output.", valueName: "file"))
    var outputFile: String?

    func run() throws {
        try CommandRunner.run(connection, output, extraSettings: planning.settings()) { workflow, console in
            // With the dump on stdout, migration progress would corrupt it: only warnings (on stderr) are shown then.
            let schema = try workflow.dump(events: { event in
                if outputFile != nil {
                    console.show(event)
                } else if case .warning(let diagnostic) = event {
                    console.problem(diagnostic)
                }
            })
            guard let outputFile else {
                console.result(String(schema.dropLast()))
                return
            }
            do {
                try schema.write(toFile: outputFile, atomically: true, encoding: .utf8)
            } catch {
                throw Diagnostic(
                    category: .input, code: "unwritable-output", message: "cannot write \(outputFile): \(error.localizedDescription)",
                    hint: "check that the directory exists and is writable")
            }
            console.say("Wrote the schema to \(outputFile)")
        }
    }
}
