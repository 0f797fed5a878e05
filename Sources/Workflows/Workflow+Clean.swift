import Configuration
import Diagnostics
import MigrationResults
import Migrator

extension Workflow {
    /// Drops every object in the managed schemas, after checking that cleaning is allowed; a refusal happens
    /// before anything connects, so nothing is dropped.
    public func clean() throws -> CleanResult {
        if let refusal = Self.cleanRefusal(settings) { throw refusal }
        try requireConfiguredDatabase("clean")
        return try withDatabase { database in try migrator(database, events: { _ in }).clean() }
    }

    /// Why clean may not run with these settings, or nil when it may. Production always refuses, even when
    /// cleaning was enabled, so that one stray flag in a pipeline cannot empty a production database.
    static func cleanRefusal(_ settings: Settings) -> Diagnostic? {
        if settings.production {
            return Diagnostic(
                category: .input, code: "clean-production",
                message: "clean refused: environment '\(settings.environment)' is marked production = true, "
                    + "and clean never runs on production",
                hint: "clean a test or local environment instead (--environment NAME), or the embedded server (--ephemeral)")
        }
        if settings.cleanDisabled {
            return Diagnostic(
                category: .input, code: "clean-disabled",
                message: "clean refused: it drops every object in the managed schemas, and cleaning is disabled by default",
                hint: "enable it for this run with --clean-enabled, or set cleanDisabled = false in the config "
                    + "(FLYWAY_CLEAN_DISABLED=false)")
        }
        return nil
    }
}
