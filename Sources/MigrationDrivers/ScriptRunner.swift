import Diagnostics
import PostgresClient
import SQLScanner

/// Sends a prepared script's statements one at a time, so that a failure names its statement and line.
package struct ScriptRunner {
    package let connection: Connection

    package init(connection: Connection) {
        self.connection = connection
    }

    /// Runs every statement; on failure returns the diagnostic pointing into the script.
    package func run(_ script: PreparedScript, category: Diagnostic.Category, hint: String?) throws(Diagnostic) {
        for statement in script.statements {
            do {
                if let data = statement.copyData {
                    try connection.copyIn(statement.text, data: data)
                } else {
                    try connection.execute(statement.text)
                }
            } catch {
                throw ServerErrorDiagnostic.make(
                    error, statement: statement, script: script.lines, file: script.file, category: category,
                    hint: hint
                ).notingRedshiftSetting(error, in: script)
            }
        }
    }
}
