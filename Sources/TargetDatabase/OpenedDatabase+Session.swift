import Configuration
import Diagnostics
import PostgresClient

extension OpenedDatabase {
    /// Puts `lockTimeout` and `statementTimeout` on the session, so every statement of the run (the migration
    /// lock, migrations, specs) is bounded by them. On failure the database is closed.
    func prepareSession(_ settings: Settings) throws(Diagnostic) {
        let statements = dialect.sessionSetupStatements(
            lockTimeout: settings.lockTimeout, statementTimeout: settings.statementTimeout)
        for statement in statements {
            do {
                try connection.execute(statement)
            } catch {
                close()
                throw Diagnostic(
                    category: .connection, code: "session-setup",
                    message: "could not prepare the session (\(statement)) on \(display): \(error)",
                    hint: "check lockTimeout and statementTimeout (--lock-timeout, --statement-timeout)")
            }
        }
    }
}
