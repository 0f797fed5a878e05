import ArgumentParser

/// Every command names itself (`commandName:`): otherwise ArgumentParser derives each name from its type at every
/// start, which cost 5% of a no-op migrate's instructions.
@main
struct Slipway: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slipway",
        abstract: "Flyway-compatible migrations and SQL test specs for Amazon Redshift and PostgreSQL.",
        discussion: """
            With no database configured, Slipway starts a private throwaway PostgreSQL (the embedded default).

            Exit codes:
              0    success
              1    tests failed (slipway test)
              2    validation failed: applied migrations differ from the files
              3    a migration failed on the server
              4    bad configuration or input (config, file names, placeholders, specs)
              5    could not connect, or the embedded server could not start
              6    lint found problems at or above --fail-on (slipway lint)
              64   bad command line
              130  interrupted (SIGINT/SIGTERM)
            """,
        version: "0.1.0",
        subcommands: [
            Migrate.self, Undo.self, Info.self, Validate.self, Baseline.self, Repair.self, Clean.self,
            LintCommand.self, Dump.self, Test.self,
        ]
    )
}
