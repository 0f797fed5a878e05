import Configuration
import Migrator

extension MigratorOptions {
    /// The migrate-phase settings, taken from the loaded configuration.
    init(_ settings: Settings, workingDirectory: String) {
        self.init()
        schemas = settings.schemas
        table = settings.table
        placeholders = settings.placeholders
        placeholderReplacement = settings.placeholderReplacement
        outOfOrder = settings.outOfOrder
        baselineOnMigrate = settings.baselineOnMigrate
        baselineVersion = settings.baselineVersion
        baselineDescription = settings.baselineDescription
        validateOnMigrate = settings.validateOnMigrate
        mixed = settings.mixed
        target = settings.target
        installedBy = settings.installedBy
        ignoreMigrationPatterns = settings.ignoreMigrationPatterns
        cherryPick = settings.cherryPick
        environment = settings.environment
        self.workingDirectory = workingDirectory
        s3Root = settings.s3Root.map { $0.hasPrefix("/") ? $0 : workingDirectory + "/" + $0 }
        lockWaitTimeout = settings.lockTimeout
    }
}
