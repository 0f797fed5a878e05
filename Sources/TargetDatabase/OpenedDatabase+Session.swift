import Configuration
import Diagnostics
import PostgresClient
import RedshiftEmulation

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

extension OpenedDatabase {
    /// Creates the emulated Redshift's functions when the database lacks this revision of them: at first use on
    /// a configured PostgreSQL (the embedded server's template has them already, so there this is one query).
    func installRedshiftFunctions() throws(Diagnostic) {
        do {
            guard try connection.execute(RedshiftFunctions.installedQuery).rows.isEmpty else { return }
            try connection.executeScript(RedshiftFunctions.script)
        } catch {
            close()
            throw Diagnostic(
                category: .connection, code: "redshift-functions",
                message: "could not create the emulated Redshift's functions (schema \(RedshiftFunctions.schema)) on \(display): \(error)",
                hint: "the user needs CREATE on the database; or create them once as its owner with a run of "
                    + "`slipway info --dialect redshift`")
        }
    }
}
