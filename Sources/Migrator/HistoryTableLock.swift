import Dialect
import Diagnostics
import Migrations
import PostgresClient

/// Keeps two migrating runs apart where there are no advisory locks (Redshift): each migration's transaction
/// locks the history table first, then looks at the history again, because another run may have applied the
/// migration between this run's plan and the moment it got the lock.
///
/// Flyway does the same: it refreshes its view of the history once it holds the lock.
struct HistoryTableLock {
    /// `LOCK "schema"."table"`, from ``Dialect/lockStrategy(schema:table:)``.
    let statement: String
    let history: SchemaHistory

    /// SQLSTATEs of a second `CREATE` of the same schema or table by a concurrent run: duplicate schema,
    /// duplicate table, or the catalog's unique index when both create at once.
    static let concurrentCreation: Set<String> = ["42P06", "42P07", "23505"]

    /// Takes the lock inside the open transaction and tells whether `migration` still needs to run: false when
    /// another run recorded it meanwhile; throws when the history now blocks migrating (say another run failed).
    func lockAndRecheck(
        _ migration: ResolvedMigration, among migrations: [ResolvedMigration], options: PlanOptions,
        on connection: Connection
    ) throws -> Bool {
        do {
            try connection.execute(statement)
        } catch {
            throw ServerErrorDiagnostic.make(
                error, statement: nil, script: nil, file: nil, category: .migration,
                hint: "check that the user may lock \(history.displayName)")
        }
        let plan = try MigrationPlan(migrations: migrations, applied: history.read(on: connection), options: options)
        let blockers = plan.migrationBlockers()
        if !blockers.isEmpty { throw DiagnosticList(blockers) }
        return plan.pendingMigrations.contains(migration)
    }
}
