import Dialect
import Diagnostics
import Migrations
import PostgresClient

/// The database a migration run changes: its history store, its lock protocol and the session's facts.
///
/// One conformer per locking family owns that family's SQL, as a driver does in golang-migrate; the migrator
/// only sequences the plan, the callbacks and the change writer. Reads go straight to the database; every
/// change is handed back as a ``BoundStatement`` for the run's ``ChangeWriter``, so a dry run shows exactly the
/// statements a real run executes. Every conformer passes the one conformance suite (MigrationDriverTests).
package protocol MigrationDriver: AnyObject {
    /// The connection and what every family knows about it.
    var context: DriverContext { get }

    /// Runs `body` holding the lock that keeps other runs out for the whole run; a family that locks in each
    /// transaction instead just runs `body`. In a dry run the lock statements go to `writer`, so the script
    /// takes the lock itself when it runs.
    ///
    /// - Parameter waiting: told who holds the lock when this run has to wait for it.
    func withRunLock<T>(writer: ChangeWriter, dryRun: Bool, waiting: (String) -> Void, _ body: () throws -> T) throws
        -> T

    /// The statement every migration's transaction starts with, for a family that locks the history table per
    /// transaction (after it, the migrator reads the history again); nil where the run lock suffices.
    var transactionLock: BoundStatement? { get }

    /// A migration's `execution_time` computed by the server when its history row goes in the migration's own
    /// query; nil where migrations are sent statement by statement.
    var transactionElapsedMilliseconds: String? { get }
}

/// What every driver holds: the migrating connection, the dialect, the session's facts and the history table.
package struct DriverContext {
    let connection: Connection
    let dialect: Dialect
    let session: SessionFacts
    let history: SchemaHistory
}

/// Opens the driver for `connection`, by the dialect's lock protocol.
package func openMigrationDriver(
    connection: Connection, dialect: Dialect, schemas: [String], table: String, lockWaitTimeout: Int?
) throws(Diagnostic) -> any MigrationDriver {
    let session = try SessionFacts.read(connection: connection, dialect: dialect, schemas: schemas.map(dialect.catalogName))
    let table = dialect.catalogName(table)
    let context = DriverContext(
        connection: connection, dialect: dialect, session: session,
        history: SchemaHistory(schema: session.defaultSchema, table: table, dialect: dialect))
    switch dialect.lockStrategy(schema: session.defaultSchema, table: table) {
    case .advisory(let key):
        return AdvisoryLockDriver(context, lock: MigrationLock(key: key, waitTimeout: lockWaitTimeout))
    case .historyTableLock(let statement):
        return TableLockDriver(context, transactionLock: BoundStatement(statement))
    }
}

// The catalog reads and statements every family shares; their syntax follows the server (``Dialect/server``).
extension MigrationDriver {
    package var connection: Connection { context.connection }
    package var dialect: Dialect { context.dialect }
    package var session: SessionFacts { context.session }
    package var history: SchemaHistory { context.history }

    package func historyExists() throws(Diagnostic) -> Bool { try history.exists(on: connection) }

    /// All history rows, ordered by installed rank.
    package func readHistory() throws(Diagnostic) -> [AppliedMigration] { try history.read(on: connection) }

    /// The history rows, or none when there is no history table yet.
    package func readHistoryIfExists() throws(Diagnostic) -> [AppliedMigration] {
        try historyExists() ? readHistory() : []
    }

    /// Whether this family needs a retry when two first runs create the same schema or history table at once
    /// (only one without a lock held across the run).
    package var retriesConcurrentCreation: Bool { transactionLock != nil }

    /// The configured schemas that do not exist yet, in configuration order.
    package func missingSchemas() throws(Diagnostic) -> [String] {
        var missing: [String] = []
        for schema in session.schemas {
            let found = try query("SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = $1", [schema])
            if found.isEmpty { missing.append(schema) }
        }
        return missing
    }

    /// Whether the default schema holds tables, views, sequences or routines of its own (a database Flyway
    /// would call non-empty); objects that belong to an extension do not count.
    package func schemaHasObjects() throws(Diagnostic) -> Bool {
        let rows = try query(
            """
            SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = $1 AND c.relkind IN ('r', 'v', 'm', 'S', 'f', 'p') \(notOwnedByExtension("c.oid"))
            UNION ALL
            SELECT 1 FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = $1 \(notOwnedByExtension("p.oid"))
            LIMIT 1
            """, [session.defaultSchema])
        return !rows.isEmpty
    }

    /// Redshift has no extensions (and no `pg_depend` rows of that kind to ask about).
    private func notOwnedByExtension(_ oid: String) -> String {
        dialect.server == .redshift
            ? "" : "AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.objid = \(oid) AND d.deptype = 'e')"
    }

    package func createSchema(_ schema: String) -> BoundStatement {
        BoundStatement("CREATE SCHEMA \(dialect.quoteIdentifier(schema))")
    }

    package func dropSchema(_ schema: String) -> BoundStatement {
        BoundStatement(dialect.dropSchema(schema))
    }

    /// The DROP statements that empty one schema, from the server's catalog.
    package func cleanStatements(schema: String) throws(Diagnostic) -> [BoundStatement] {
        try query(dialect.cleanStatementsQuery, [schema]).compactMap { $0.first ?? nil }.map { BoundStatement($0) }
    }

    /// The indexes a concurrent build left INVALID (it failed or was cancelled halfway), qualified and quoted.
    /// Redshift has no such builds.
    package func invalidIndexes() throws(Diagnostic) -> Set<String> {
        guard dialect.server == .postgresql else { return [] }
        return Set(try query(
            """
            SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname)
            FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE NOT i.indisvalid
            """, []).compactMap { $0.first ?? nil })
    }

    /// Drops an index by its qualified, quoted name (from ``invalidIndexes()``).
    package func dropIndex(_ qualifiedName: String) -> BoundStatement {
        BoundStatement("DROP INDEX IF EXISTS \(qualifiedName)")
    }

    /// The other sessions of this database with a transaction open, oldest first: what a concurrent index build
    /// waits for. Each as `process 4242 (flyway), idle in transaction, transaction open since …`.
    package func openTransactions() throws(Diagnostic) -> [String] {
        guard dialect.server == .postgresql else { return [] }
        return try query(
            """
            SELECT pid, application_name, state, xact_start FROM pg_catalog.pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL
            ORDER BY xact_start LIMIT 5
            """, []).map { row in
                let application = (row[1] ?? "").isEmpty ? "" : " (\(row[1] ?? ""))"
                return "process \(row[0] ?? "?")\(application), \(row[2] ?? "?"), transaction open since \(row[3] ?? "?")"
            }
    }

    private func query(_ sql: String, _ parameters: [String?]) throws(Diagnostic) -> [[String?]] {
        do {
            return try connection.execute(sql, parameters: parameters).rows
        } catch {
            throw ServerErrorDiagnostic.make(error, statement: nil, script: nil, file: nil, category: .migration, hint: nil)
        }
    }
}

/// PostgreSQL's family: Flyway's advisory lock, held at session level for the whole run, and migrations sent as
/// one query each.
final class AdvisoryLockDriver: MigrationDriver {
    let context: DriverContext
    private let lock: MigrationLock

    init(_ context: DriverContext, lock: MigrationLock) {
        self.context = context
        self.lock = lock
    }

    func withRunLock<T>(writer: ChangeWriter, dryRun: Bool, waiting: (String) -> Void, _ body: () throws -> T) throws
        -> T
    {
        if dryRun {
            // The script takes the lock itself when it runs; the dry run only reads.
            try writer.execute(lock.lockStatement)
            let result = try body()
            try writer.execute(lock.unlockStatement)
            return result
        }
        try lock.acquire(on: connection, waiting: waiting)
        defer { lock.release(on: connection) }
        return try body()
    }

    var transactionLock: BoundStatement? { nil }

    var transactionElapsedMilliseconds: String? { context.dialect.transactionElapsedMilliseconds }
}

/// Redshift's family (also Redshift's behaviours on a PostgreSQL server): no advisory locks, so each
/// migration's transaction locks the history table first and the migrator plans again under that lock, because
/// another run may have applied the migration between this run's plan and the lock. Flyway does the same.
final class TableLockDriver: MigrationDriver {
    let context: DriverContext
    let transactionLock: BoundStatement?

    init(_ context: DriverContext, transactionLock: BoundStatement) {
        self.context = context
        self.transactionLock = transactionLock
    }

    func withRunLock<T>(writer: ChangeWriter, dryRun: Bool, waiting: (String) -> Void, _ body: () throws -> T) throws
        -> T
    {
        try body()
    }

    /// Statement by statement: the lock and the re-check run between the statements of the transaction.
    var transactionElapsedMilliseconds: String? { nil }
}
