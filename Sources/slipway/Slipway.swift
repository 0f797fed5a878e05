import ArgumentParser
import Foundation

/// Every command names itself (`commandName:`): otherwise ArgumentParser derives each name from its type at every
/// start, which cost 5% of a no-op migrate's instructions.
@main
struct Slipway: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slipway",
        abstract: "Flyway-compatible migrations and SQL test specs for Amazon Redshift and PostgreSQL.",
        discussion: "With no database configured, Slipway starts a private throwaway PostgreSQL (the embedded default).\n\n"
            + ExitStatus.helpText,
        version: "0.1.0",
        subcommands: [
            Migrate.self, Undo.self, Info.self, Validate.self, Baseline.self, Repair.self, Clean.self,
            LintCommand.self, Dump.self, Test.self,
        ]
    )

    /// Catches a misspelt command before ArgumentParser, which would only call it an unexpected argument.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let names = configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"]
        if let problem = CommandName.problem(in: arguments, known: names) {
            let text = "error: \(problem)\nusage: slipway <command> [options]; see slipway --help\n"
            try? FileHandle.standardError.write(contentsOf: Data(text.utf8))
            exit(withError: ExitStatus.usage.code)
        }
        main(arguments)
    }
}
