import Diagnostics
import PostgresClient

/// Where a run's changes go: the database (``DatabaseWriter``, or ``OneQueryWriter`` for one migration) or the
/// text of a dry run (``DryRunWriter``).
///
/// The migrator decides every statement once and hands it here, so a dry run shows exactly what a real run
/// executes. Reads (the history, the catalog) always go to the database.
package protocol ChangeWriter: AnyObject {
    /// Runs one statement Slipway composed (history rows, `CREATE SCHEMA`, a lock, ...).
    func execute(_ statement: BoundStatement) throws(PostgresError)
    /// Runs a migration's or callback's statements; a failure points at the statement's line in the file.
    func run(_ script: PreparedScript, category: Diagnostic.Category, hint: String?) throws(Diagnostic)
    func begin() throws(Diagnostic)
    /// Ends the transaction; a failure to commit (a deferred constraint, say) is a diagnostic.
    func commit() throws(Diagnostic)
    /// Undoes the open transaction, if one is still open; never fails (closing the session undoes it too).
    func rollback()
    /// A remark for the reader of a dry run (which file follows, that it runs outside a transaction).
    func note(_ text: String)
    /// The `execution_time` to record for work that started at `start`.
    func executionTime(since start: ContinuousClock.Instant) -> SchemaHistory.ExecutionTime
}

extension ChangeWriter {
    /// Runs a statement Slipway composed; a failure is a diagnostic about Slipway's own work, not a file.
    package func write(_ statement: BoundStatement) throws(Diagnostic) {
        do {
            try execute(statement)
        } catch {
            throw ServerErrorDiagnostic.make(error, statement: nil, script: nil, file: nil, category: .migration, hint: nil)
        }
    }

    package func begin() throws(Diagnostic) { try write(.begin) }
    package func commit() throws(Diagnostic) { try write(.commit) }
    package func rollback() { _ = try? execute(.rollback) }
    package func note(_ text: String) {}

    /// Runs `body` in a transaction; on failure rolls back and rethrows.
    package func transaction<T>(_ body: () throws -> T) throws -> T {
        try begin()
        do {
            let result = try body()
            try commit()
            return result
        } catch {
            rollback()
            throw error
        }
    }
}

extension BoundStatement {
    static let begin = BoundStatement("BEGIN")
    static let commit = BoundStatement("COMMIT")
    static let rollback = BoundStatement("ROLLBACK")
}

/// Sends every change to the database.
package final class DatabaseWriter: ChangeWriter {
    private let connection: Connection

    package init(connection: Connection) {
        self.connection = connection
    }

    package func execute(_ statement: BoundStatement) throws(PostgresError) {
        if statement.parameters.isEmpty {
            try connection.execute(statement.sql)
        } else {
            try connection.execute(statement.sql, parameters: statement.parameters)
        }
    }

    package func run(_ script: PreparedScript, category: Diagnostic.Category, hint: String?) throws(Diagnostic) {
        try ScriptRunner(connection: connection).run(script, category: category, hint: hint)
    }

    package func executionTime(since start: ContinuousClock.Instant) -> SchemaHistory.ExecutionTime {
        .milliseconds(elapsedMilliseconds(since: start))
    }
}

/// Wall time since `start`, in whole milliseconds.
package func elapsedMilliseconds(since start: ContinuousClock.Instant) -> Int {
    let elapsed = ContinuousClock.now - start
    return Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
}
