import Dialect
import Diagnostics
import PostgresClient

/// Collects a run's changes as one SQL script for psql instead of executing them: statements end in `;`,
/// `COPY ... FROM STDIN` is followed by its data and a `\.` line, history values are inline literals.
package final class DryRunWriter: ChangeWriter {
    private let dialect: Dialect
    private var body = ""

    package init(dialect: Dialect) {
        self.dialect = dialect
    }

    /// The whole script: `header` as comments, psql told to stop at the first error, the session's
    /// `search_path` when schemas are configured, then every change in order.
    package func script(header: [String], searchPath: String?) -> String {
        // psql goes on after a failed statement unless told otherwise; a release script must stop.
        header.map { "-- \($0)\n" }.joined() + "\\set ON_ERROR_STOP on\n" + (searchPath.map { $0 + ";\n" } ?? "")
            + (body.isEmpty ? "\n-- nothing to do\n" : body)
    }

    package func execute(_ statement: BoundStatement) throws(PostgresError) {
        body += statement.inlined(dialect) + ";\n"
    }

    package func run(_ script: PreparedScript, category: Diagnostic.Category, hint: String?) throws(Diagnostic) {
        for statement in script.statements {
            body += statement.text + ";\n"
            if let data = statement.copyData { body += data + "\\.\n" }
        }
    }

    package func note(_ line: String) {
        body += "\n-- \(line)\n"
    }

    /// Nothing ran, so nothing took time; the script's history rows record 0 ms.
    package func executionTime(since start: ContinuousClock.Instant) -> SchemaHistory.ExecutionTime { .milliseconds(0) }
}
