import Diagnostics
import PostgresClient
import SQLScanner

/// Sends a transactional migration as one query: `BEGIN`, the file, the history row that records it, `COMMIT`.
///
/// Sending statement by statement costs a round trip each (about five per migration); this costs one. When the
/// server stops at a failing statement, the error's position (counted from the start of the query) or else the
/// number of statements that completed names it, so the diagnostic points at the same file, line and column as
/// a statement-by-statement run would.
struct WholeTransaction {
    let connection: Connection

    private static let begin = "BEGIN;\n"

    /// Whether `script` can go as one query: a `COPY ... FROM STDIN` sends its data separately.
    static func canSend(_ script: PreparedScript) -> Bool {
        script.transactional && !script.statements.contains { $0.copyData != nil }
    }

    /// - Parameter record: the history INSERT, with its values inline.
    func run(_ script: PreparedScript, record: String, category: Diagnostic.Category, hint: String?)
        throws(Diagnostic)
    {
        // The line break ends a trailing `--` comment; the `;` ends a last statement written without one.
        let query = Self.begin + script.text + "\n;\n" + record + ";\nCOMMIT"
        do {
            try connection.executeScript(query)
        } catch {
            // A syntax error anywhere stops the query before BEGIN runs; any other leaves the transaction aborted.
            if connection.transactionStatus != .idle { _ = try? connection.execute("ROLLBACK") }
            let (statement, error) = Self.locate(error, in: script)
            throw ServerErrorDiagnostic.make(
                error, statement: statement, script: script.lines, file: script.file, category: category, hint: hint
            ).notingRedshiftSetting(error, in: script)
        }
    }

    /// The statement of `script` that failed, and the error with its position made relative to that statement.
    private static func locate(_ failure: ScriptFailure, in script: PreparedScript) -> (SQLStatement?, PostgresError) {
        if case .server(var message) = failure.error, let position = message.position {
            let offset = position - 1 - begin.unicodeScalars.count
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
