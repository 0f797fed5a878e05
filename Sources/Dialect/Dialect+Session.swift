extension Dialect {
    /// The statements that prepare a new session: the configured timeouts (milliseconds), and on PostgreSQL 14
    /// and later a check for a vanished client.
    ///
    /// The check matters when Slipway is killed mid-statement: without it the server runs the statement to its
    /// end, holding the migration lock and the open transaction all the while. Redshift has `statement_timeout`
    /// but neither of the others.
    ///
    /// - Parameter serverVersion: libpq's number for the server's version, e.g. 150018.
    public func sessionSetupStatements(lockTimeout: Int?, statementTimeout: Int?, serverVersion: Int) -> [String] {
        var statements: [String] = []
        if kind == .postgresql {
            if serverVersion >= 140_000 { statements.append("SET client_connection_check_interval = 1000") }
            if let lockTimeout { statements.append("SET lock_timeout = \(lockTimeout)") }
        }
        if let statementTimeout { statements.append("SET statement_timeout = \(statementTimeout)") }
        return statements
    }
}
