import Configuration
import Diagnostics
import Migrations
import MigrationResults
import Migrator

extension MigratorOptions {
    /// The migrate-phase settings, taken from the loaded configuration; versions, the target and the ignore
    /// patterns are parsed here, so a bad one is reported before anything connects.
    init(_ settings: Settings, workingDirectory: String) throws(Diagnostic) {
        self.init()
        schemas = settings.schemas
        table = settings.table
        placeholders = settings.placeholders
        placeholderReplacement = settings.placeholderReplacement
        plan = PlanOptions(
            target: try settings.target.map { text throws(Diagnostic) in try MigrationTarget.parse(text) } ?? .latest,
            outOfOrder: settings.outOfOrder,
            ignoreMigrationPatterns: try settings.ignoreMigrationPatterns.map { text throws(Diagnostic) in
                try IgnorePattern(text)
            },
            cherryPick: try settings.cherryPick?.map { text throws(Diagnostic) in try MigrationVersion.parse(text) },
            baselineVersion: try MigrationVersion.parse(settings.baselineVersion))
        baselineOnMigrate = settings.baselineOnMigrate
        baselineDescription = settings.baselineDescription
        validateOnMigrate = settings.validateOnMigrate
        mixed = settings.mixed
        if let installedBy = settings.installedBy, installedBy.utf16.count > HistoryText.installedByLength {
            throw Diagnostic(
                category: .input, code: "installed-by-too-long",
                message: "installedBy has \(installedBy.utf16.count) characters; the history table's installed_by "
                    + "column holds \(HistoryText.installedByLength)",
                hint: "set a shorter installedBy (FLYWAY_INSTALLED_BY, or installedBy in the config file)")
        }
        installedBy = settings.installedBy
        environment = settings.environment
        self.workingDirectory = workingDirectory
        lockWaitTimeout = settings.lockTimeout
    }
}
