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
        // Parsed as the root, a command skips the command tree and the completion-script parsers ArgumentParser
        // builds for every run (a third of its instructions in a no-op migrate). A line it does not parse goes the
        // usual way below, so that errors and help read as they always did.
        if let command = directCommand(arguments), var parsed = try? command.parseAsRoot(Array(arguments.dropFirst())) {
            do { try parsed.run() } catch { exit(withError: error) }
            return
        }
        main(arguments)
    }

    /// The command a line names when it may be parsed as the root: one that says its super-command (so that its
    /// help would still read `slipway <command>`), on a line asking for nothing ArgumentParser answers itself.
    static func directCommand(_ arguments: [String]) -> ParsableCommand.Type? {
        let answeredByParser = ["-h", "--help", "help", "--version", "--generate-completion", "--experimental"]
        guard let name = arguments.first,
            !arguments.contains(where: { argument in answeredByParser.contains { argument.hasPrefix($0) } })
        else { return nil }
        return configuration.subcommands.first {
            $0.configuration.commandName == name && $0.configuration._superCommandName != nil
        }
    }
}
