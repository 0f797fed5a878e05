import Configuration
import Migrations

extension NamingOptions {
    /// File-name rules from the loaded configuration (Flyway's prefixes, separator and suffixes).
    init(_ settings: Settings) {
        self.init(
            versionedPrefix: settings.sqlMigrationPrefix, undoPrefix: settings.undoSqlMigrationPrefix,
            repeatablePrefix: settings.repeatableSqlMigrationPrefix, baselinePrefix: settings.baselineMigrationPrefix,
            separator: settings.sqlMigrationSeparator, suffixes: settings.sqlMigrationSuffixes,
            badNames: settings.validateMigrationNaming ? .error : .warning, encoding: settings.encoding)
    }
}
