import Dialect
import Diagnostics
import PostgresClient
import SQLScanner

/// Sends one transactional migration as one query: `BEGIN`, the file, the history row that records it, `COMMIT`.
///
/// Sending statement by statement costs a round trip each (about five per migration); this costs one. The
/// writer collects what the migrator hands it and sends it all at ``commit()``. When the server stops at a
/// failing statement, the error's position (counted from the start of the query) or else the number of
/// statements that completed names it, so the diagnostic points at the same file, line and column as a
/// statement-by-statement run would.
package final class OneQueryWriter: ChangeWriter {
    private let connection: Connection
    private let dialect: Dialect
    private let elapsedExpression: String
    private var query = ""
    private var script: PreparedScript?
    private var scriptOffset = 0
    private var failure: (category: Diagnostic.Category, hint: String?) = (.migration, nil)
    /// Bytes reserved after the script for what follows it: the history row's INSERT and COMMIT.
    private static let tailCapacity = 8192

    /// Whether `script` can go as one query: a `COPY ... FROM STDIN` sends its data separately.
    package static func canSend(_ script: PreparedScript) -> Bool {
        script.transactional && !script.statements.contains { $0.copyData != nil }
    }

    /// - Parameter elapsedExpression: SQL for the milliseconds since the transaction began, for the history row.
    package init(connection: Connection, dialect: Dialect, elapsedExpression: String) {
        self.connection = connection
        self.dialect = dialect
        self.elapsedExpression = elapsedExpression
    }

    package func begin() throws(Diagnostic) { query = "BEGIN;\n" }

    package func execute(_ statement: BoundStatement) throws(PostgresError) {
        query += statement.inlined(dialect) + ";\n"
    }

    package func run(_ script: PreparedScript, category: Diagnostic.Category, hint: String?) throws(Diagnostic) {
        self.script = script
        scriptOffset = query.unicodeScalars.count
        failure = (category, hint)
        // Room for the history row and COMMIT too: growing a query as large as the file would copy it into twice
        // the space, and each copy of a 30 MB migration is 30 MB more.
        query.reserveCapacity(query.utf8.count + script.text.utf8.count + Self.tailCapacity)
        // The line break ends a trailing `--` comment; the `;` ends a last statement written without one.
        query += script.text
        query += "\n;\n"
    }

    package func commit() throws(Diagnostic) {
        do {
            query += "COMMIT"
            try connection.executeScript(query)
        } catch {
            // A syntax error anywhere stops the query before BEGIN runs; any other leaves the transaction aborted.
            rollback()
            let (statement, located) = locate(error)
            let diagnostic = ServerErrorDiagnostic.make(
                located, statement: statement, script: script?.lines, file: script?.file, category: failure.category,
                hint: failure.hint)
            throw script.map { diagnostic.notingRedshiftSetting(located, in: $0) } ?? diagnostic
        }
    }

    package func rollback() {
        if connection.transactionStatus != .idle { _ = try? connection.execute("ROLLBACK") }
    }

    package func executionTime(since start: ContinuousClock.Instant) -> SchemaHistory.ExecutionTime {
        .expression(elapsedExpression)
    }

    /// The statement of the script that failed, and the error with its position made relative to that statement.
    private func locate(_ failure: ScriptFailure) -> (SQLStatement?, PostgresError) {
        guard let script else { return (nil, failure.error) }
        if case .server(var message) = failure.error, let position = message.position {
            let offset = position - 1 - scriptOffset
            guard offset >= 0, offset < script.text.unicodeScalars.count,
                let statement = script.statements.last(where: { $0.offset <= offset })
            else { return (nil, failure.error) }
            message.position = offset - statement.offset + 1
            return (statement, .server(message))
        }
        // BEGIN is the first statement to complete, so the count is the index of the failing statement plus one.
        let index = failure.completedStatements - 1
        return (script.statements.indices.contains(index) ? script.statements[index] : nil, failure.error)
    }
}
