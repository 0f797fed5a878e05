import Diagnostics

/// Everything found in the migration locations.
public struct DiscoveredMigrations: Sendable, Equatable {
    /// Migrations in Flyway's order: versioned by version (an undo after its migration), then repeatables by
    /// description.
    public var migrations: [ResolvedMigration]
    /// Callbacks ordered by file name.
    public var callbacks: [SqlCallback]
    /// Problems that do not stop a run (badly named files when naming says `warning`, missing extra locations).
    public var warnings: [Diagnostic]

    public init(migrations: [ResolvedMigration], callbacks: [SqlCallback] = [], warnings: [Diagnostic] = []) {
        self.migrations = migrations
        self.callbacks = callbacks
        self.warnings = warnings
    }

    /// The same migrations with each repeatable's ``ResolvedMigration/effectiveChecksum`` computed after
    /// placeholder replacement, which is the checksum Flyway stores for repeatables.
    ///
    /// - Throws: every missing placeholder in every repeatable at once.
    public func resolvingRepeatableChecksums(placeholders: Placeholders) throws(DiagnosticList)
        -> DiscoveredMigrations
    {
        var result = self
        var problems: [Diagnostic] = []
        for index in result.migrations.indices where result.migrations[index].kind == .repeatable {
            do {
                result.migrations[index].effectiveChecksum = try MigrationDiscovery.repeatableChecksum(
                    of: result.migrations[index], placeholders: placeholders)
            } catch {
                problems += error.diagnostics
            }
        }
        guard problems.isEmpty else { throw DiagnosticList(problems) }
        return result
    }
}
