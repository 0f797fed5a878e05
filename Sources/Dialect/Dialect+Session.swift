extension Dialect {
    /// The statements that prepare a new session: the configured timeouts (milliseconds), and on PostgreSQL a
    /// check for a vanished client.
    ///
    /// The check matters when Slipway is killed mid-statement: without it the server runs the statement to its
    /// end, holding the migration lock and the open transaction all the while. `client_connection_check_interval`
    /// exists from PostgreSQL 14 (the query sets nothing on older servers). Redshift has `statement_timeout` but
    /// neither of the others.
    public func sessionSetupStatements(lockTimeout: Int?, statementTimeout: Int?) -> [String] {
        var statements: [String] = []
        if kind == .postgresql {
            statements.append(
                "SELECT pg_catalog.set_config(name, '1000', false) FROM pg_catalog.pg_settings "
                    + "WHERE name = 'client_connection_check_interval'")
            if let lockTimeout { statements.append("SET lock_timeout = \(lockTimeout)") }
        }
        if let statementTimeout { statements.append("SET statement_timeout = \(statementTimeout)") }
        return statements
    }
}
