import Configuration
import Diagnostics
import PostgresClient

extension OpenedDatabase {
    /// Puts `lockTimeout` and `statementTimeout` (and the vanished-client check) on the session, and keeps the
    /// statements for every further session (``connector(toDatabase:)``), so every statement of the run (the migration
    /// lock, migrations, specs) is bounded by them. On failure the database is closed.
    func prepareSession(_ settings: Settings) throws(Diagnostic) {
        let statements = dialect.sessionSetupStatements(
            lockTimeout: settings.lockTimeout, statementTimeout: settings.statementTimeout,
            serverVersion: connection.serverVersionNumber)
        guard !statements.isEmpty else { return }
        // One round trip for all of them.
        let script = statements.joined(separator: "; ")
        sessionSetup = script
        do {
            try connection.execute(script)
        } catch {
            close()
            throw Diagnostic(
                category: .connection, code: "session-setup",
                message: "could not prepare the session (\(script)) on \(display): \(error)",
                hint: "check lockTimeout and statementTimeout (--lock-timeout, --statement-timeout)")
        }
    }
}
