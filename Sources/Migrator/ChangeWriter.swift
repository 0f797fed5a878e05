import Diagnostics
import PostgresClient

/// Where a run's changes go: the database (``DatabaseWriter``) or the text of a dry run (``DryRunWriter``).
///
/// The migrator decides every statement once and hands it here, so a dry run shows exactly what a real run
/// executes. Reads (the history, the catalog) always go to the database.
protocol ChangeWriter: AnyObject {
    /// Runs one statement Slipway composed (history rows, `BEGIN`, `CREATE SCHEMA`, ...).
    func execute(_ statement: BoundStatement) throws(PostgresError)
    /// Runs a migration's or callback's statements; a failure points at the statement's line in the file.
    func run(_ script: PreparedScript, category: Diagnostic.Category, hint: String?) throws(Diagnostic)
    /// A remark for the reader of a dry run (which file follows, that it runs outside a transaction).
    func note(_ text: String)
    /// The `execution_time` to record for work that started at `start`, in milliseconds.
    func executionTime(since start: ContinuousClock.Instant) -> Int
}

/// Sends every change to the database.
final class DatabaseWriter: ChangeWriter {
    private let connection: Connection

    init(connection: Connection) {
        self.connection = connection
    }

    func execute(_ statement: BoundStatement) throws(PostgresError) {
        if statement.parameters.isEmpty {
            try connection.execute(statement.sql)
        } else {
            try connection.execute(statement.sql, parameters: statement.parameters)
        }
    }

    func run(_ script: PreparedScript, category: Diagnostic.Category, hint: String?) throws(Diagnostic) {
        try ScriptRunner(connection: connection).run(script, category: category, hint: hint)
    }

    func note(_ text: String) {}

    func executionTime(since start: ContinuousClock.Instant) -> Int {
        elapsedMilliseconds(since: start)
    }
}

/// Wall time since `start`, in whole milliseconds.
func elapsedMilliseconds(since start: ContinuousClock.Instant) -> Int {
    let elapsed = ContinuousClock.now - start
    return Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
}
