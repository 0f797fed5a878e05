import Dialect
import Diagnostics
import Foundation
import MigrationDrivers
import Migrations
import RedshiftEmulation

/// Turns resolved migrations into runnable scripts for one session: placeholders (with Flyway's built-ins)
/// replaced, repeatable checksums computed the way Flyway stores them.
struct ScriptPreparer {
    let placeholders: Placeholders
    let dialect: Dialect
    let mixed: Bool
    let workingDirectory: String
    let s3Objects: (any S3ObjectSource)?

    init(session: SessionFacts, options: MigratorOptions, dialect: Dialect) {
        let builtIns = Placeholders.builtIns(
            defaultSchema: session.defaultSchema, user: session.user, database: session.database,
            timestamp: Placeholders.timestamp(Date()), workingDirectory: options.workingDirectory,
            table: options.table, environment: options.environment)
        placeholders = Placeholders(
            options.placeholders.merging(builtIns.merging(dialect.placeholders) { flyway, _ in flyway }) { user, _ in user },
            isEnabled: options.placeholderReplacement)
        self.dialect = dialect
        mixed = options.mixed
        workingDirectory = options.workingDirectory
        s3Objects = options.s3Objects?.source
    }

    /// The files with the checksums Flyway would store for them (repeatables after placeholder replacement).
    func resolve(_ discovered: DiscoveredMigrations) throws(DiagnosticList) -> [ResolvedMigration] {
        try discovered.resolvingRepeatableChecksums(placeholders: placeholders).migrations
    }

    /// A callback's script, with placeholders replaced as in migrations (`${flyway:filename}` is its file name).
    func prepare(_ callback: SqlCallback) throws -> PreparedScript {
        let fileName = String(callback.script.split(separator: "/").last ?? "")
        let text = callback.config.placeholderReplacement ?? placeholders.isEnabled
            ? try placeholders.replace(in: callback.text, fileName: fileName, file: callback.path) : callback.text
        return try PreparedScript(
            file: DisplayPath.relative(callback.path, to: workingDirectory), text: text,
            executeInTransaction: callback.config.executeInTransaction, mixed: mixed, dialect: dialect, s3Objects: s3Objects)
    }

    func prepare(_ migration: ResolvedMigration) throws -> PreparedScript {
        try PreparedScript(
            file: DisplayPath.relative(migration.path, to: workingDirectory), text: migration.executableText(placeholders: placeholders),
            executeInTransaction: migration.config.executeInTransaction, mixed: mixed, dialect: dialect, s3Objects: s3Objects)
    }
}
