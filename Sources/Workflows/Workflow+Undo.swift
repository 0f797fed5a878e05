import MigrationResults
import Migrator

extension Workflow {
    /// Undoes the latest applied version, or every version above `--target` (see ``Migrator/undo(_:)``).
    ///
    /// - Parameter dryRun: change nothing; the result's ``MigrateResult/dryRunScript`` holds the SQL instead.
    public func undo(dryRun: Bool = false, events: @escaping (MigrationEvent) -> Void) throws -> MigrateResult {
        try requireConfiguredDatabase("undo", dryRun: dryRun)
        return try withRelativePaths(events) { events in
            let discovered = try discover()
            discovered.warnings.forEach { events(.warning($0)) }
            return try withDatabase { database in
                try migrator(database, dryRun: dryRun, events: events).undo(discovered)
            }
        }
    }
}
