/// What the server can do, where Redshift differs from PostgreSQL.
extension Dialect {
    /// Redshift's behaviours on a PostgreSQL server: Redshift SQL is rewritten and run with installed functions.
    public var emulatesRedshift: Bool { kind == .redshift && server == .postgresql }

    /// For display, with the server's version where it matters: `redshift (emulated on PostgreSQL 15.20)`, so a
    /// green emulated run is not taken for a run on Redshift.
    public func displayName(serverVersion: String) -> String {
        guard emulatesRedshift else { return name }
        let release = serverVersion.split(separator: " ").dropFirst().first.map { " \($0)" } ?? ""
        return "redshift (emulated on PostgreSQL\(release))"
    }

    /// Redshift has no `COPY ... FROM STDIN`: fixtures load with multi-row INSERTs instead.
    public var supportsCopyFromStdin: Bool { kind == .postgresql }

    /// Redshift has no savepoints: a test's isolation is one whole transaction, and a failing statement
    /// aborts it.
    public var supportsSavepoints: Bool { kind == .postgresql }

    /// Whether a transactional migration, its history row and `COMMIT` go as one query (one round trip per
    /// migration instead of one per statement). Not on Redshift: its migrations lock the history table and plan
    /// again inside the transaction, between statements.
    public var sendsMigrationsWhole: Bool { kind == .postgresql && transactionElapsedMilliseconds != nil }

    /// The most bind parameters one statement may carry (PostgreSQL's wire protocol limit is 65,535).
    public var maxParametersPerStatement: Int { 32_767 }

    /// A catalog query for a routine of the given kind; `$1` is the name and `$2` the schema or NULL
    /// (then only routines visible on the search path count).
    public func routineExistsQuery(procedure: Bool) -> String {
        let kindFilter: String
        switch server {
        case .postgresql: kindFilter = procedure ? " AND p.prokind = 'p'" : " AND p.prokind IN ('f', 'a', 'w')"
        // Redshift's pg_proc has no prokind; procedures and functions share it.
        case .redshift: kindFilter = ""
        }
        return """
            SELECT 1 FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
            WHERE p.proname = $1 AND (n.nspname = $2 OR ($2 IS NULL AND \(onSearchPath("pg_function_is_visible(p.oid)"))))\(kindFilter)
            LIMIT 1
            """
    }

    /// A catalog query for a table or view; `$1` is the name and `$2` the schema or NULL.
    public var tableExistsQuery: String {
        """
        SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relname = $1 AND c.relkind IN ('r', 'v', 'm', 'p', 'f')
          AND (n.nspname = $2 OR ($2 IS NULL AND \(onSearchPath("pg_table_is_visible(c.oid)"))))
        LIMIT 1
        """
    }

    /// A catalog query for a column; `$1` table, `$2` schema or NULL, `$3` column.
    public var columnExistsQuery: String {
        """
        SELECT 1 FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relname = $1 AND a.attname = $3 AND a.attnum > 0 AND NOT a.attisdropped
          AND (n.nspname = $2 OR ($2 IS NULL AND \(onSearchPath("pg_table_is_visible(c.oid)"))))
        LIMIT 1
        """
    }

    /// Whether the object in schema `n` can be named without its schema. Redshift lists PostgreSQL's "schema
    /// visibility inquiry functions" as unsupported (docs.aws.amazon.com/redshift/latest/dg/
    /// c_unsupported-postgresql-functions.html); there the schema must be on the search path, which
    /// CURRENT_SCHEMAS returns as text like `{public,dev}` (r_CURRENT_SCHEMAS.html).
    private func onSearchPath(_ visibility: String) -> String {
        switch server {
        case .postgresql: "pg_catalog.\(visibility)"
        case .redshift:
            "strpos(',' || btrim(pg_catalog.current_schemas(false)::varchar, '{}') || ',', ',' || n.nspname || ',') > 0"
        }
    }
}
