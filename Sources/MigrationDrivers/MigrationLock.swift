import Dialect
import Diagnostics
import PostgresClient

/// Keeps two migrating processes (Slipway's or Flyway's) apart on PostgreSQL with Flyway's advisory lock.
///
/// The lock is taken at session level on the migrating connection, so no transaction stays open while it is
/// held: `CREATE INDEX CONCURRENTLY`, which waits for every older transaction, cannot wait on it.
struct MigrationLock {
    let key: Int64
    /// How long to wait for another holder, in milliseconds; nil waits as long as it takes.
    let waitTimeout: Int?

    /// What a dry-run script runs around its changes.
    var lockStatement: BoundStatement { BoundStatement("SELECT pg_advisory_lock(\(key))") }
    var unlockStatement: BoundStatement { BoundStatement("SELECT pg_advisory_unlock(\(key))") }

    /// Takes the lock, waiting for the current holder (reported through `waiting`) when there is one.
    func acquire(on connection: Connection, waiting: (String) -> Void) throws(Diagnostic) {
        do {
            let taken = try connection.execute("SELECT pg_try_advisory_lock($1)", parameters: [String(key)])
            if taken.rows.first?.first == "t" { return }
            waiting(try holder(on: connection))
            // Not RESET afterwards: that would drop a lock_timeout the session was opened with.
            let previous = try connection.execute("SELECT current_setting('lock_timeout')").rows.first?.first ?? nil
            if let waitTimeout { try connection.execute("SET lock_timeout = \(waitTimeout)") }
            defer {
                if waitTimeout != nil, let previous {
                    _ = try? connection.execute("SELECT set_config('lock_timeout', $1, false)", parameters: [previous])
                }
            }
            try connection.execute("SELECT pg_advisory_lock($1)", parameters: [String(key)])
        } catch {
            if case .server(let message) = error, message.sqlstate == SQLState.lockNotAvailable {
                throw Diagnostic(
                    category: .migration, code: message.sqlstate,
                    message: "gave up waiting for the migration lock after \(waitTimeout ?? 0) ms",
                    hint: "another migrate is still running on this database; run again when it has finished")
            }
            throw ServerErrorDiagnostic.make(
                error, statement: nil, script: nil, file: nil, category: .migration, hint: nil)
        }
    }

    func release(on connection: Connection) {
        // Closing the session releases it too, so a failure here changes nothing.
        _ = try? connection.execute("SELECT pg_advisory_unlock($1)", parameters: [String(key)])
    }

    /// Who holds the lock: process id, user, application and since when. Advisory locks belong to one database,
    /// so the same key held in another database on the server is not the holder.
    private func holder(on connection: Connection) throws(PostgresError) -> String {
        let rows = try connection.execute(
            """
            SELECT l.pid, a.usename, a.application_name, a.backend_start
            FROM pg_catalog.pg_locks l LEFT JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted
              AND l.classid::bigint = $1 AND l.objid::bigint = $2 AND l.objsubid = 1
              AND l.database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())
            """, parameters: [String(key >> 32), String(key & 0xFFFF_FFFF)]
        ).rows
        guard let row = rows.first else { return "another session" }
        let application = (row[2] ?? "").isEmpty ? "" : " (\(row[2] ?? ""))"
        return "process \(row[0] ?? "?") of user \(row[1] ?? "?")\(application), connected since \(row[3] ?? "?")"
    }
}
