/// What `clean` drops, per dialect: catalog queries that write the DROP statements themselves.
extension Dialect {
    /// A catalog query whose rows are the DROP statements that empty one schema (`$1`), in an order that
    /// needs no retries: extensions, views, tables, sequences, routines, then types. Objects that belong to an
    /// extension are left to the extension's own DROP, as Flyway does; every statement is `IF EXISTS ... CASCADE`
    /// where the server allows it, because an earlier CASCADE may already have removed the object.
    /// Follows the server, not the forced behaviours: only Redshift has `pg_proc_info`.
    public var cleanStatementsQuery: String {
        switch server {
        case .postgresql: Self.postgresCleanQuery
        case .redshift: Self.redshiftCleanQuery
        }
    }

    public func dropSchema(_ schema: String) -> String {
        "DROP SCHEMA IF EXISTS \(quoteIdentifier(schema)) CASCADE"
    }

    // `prokind` needs PostgreSQL 11 or later.
    private static let postgresCleanQuery = """
        WITH owned_by_extension AS (
            SELECT objid FROM pg_catalog.pg_depend WHERE deptype = 'e'
        ), statements(rank, statement) AS (
            SELECT 1, 'DROP EXTENSION IF EXISTS ' || quote_ident(e.extname) || ' CASCADE'
            FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
            WHERE n.nspname = $1
            UNION ALL
            SELECT CASE c.relkind WHEN 'm' THEN 2 WHEN 'v' THEN 3 WHEN 'f' THEN 4 WHEN 'S' THEN 6 ELSE 5 END,
                   'DROP ' || CASE c.relkind WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'v' THEN 'VIEW'
                                             WHEN 'f' THEN 'FOREIGN TABLE' WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END
                   || ' IF EXISTS ' || quote_ident(n.nspname) || '.' || quote_ident(c.relname) || ' CASCADE'
            FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
              AND c.oid NOT IN (SELECT objid FROM owned_by_extension)
            UNION ALL
            SELECT 7, 'DROP ' || CASE p.prokind WHEN 'a' THEN 'AGGREGATE' WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END
                   || ' IF EXISTS ' || quote_ident(n.nspname) || '.' || quote_ident(p.proname)
                   || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ') CASCADE'
            FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = $1 AND p.oid NOT IN (SELECT objid FROM owned_by_extension)
            UNION ALL
            SELECT CASE t.typtype WHEN 'd' THEN 8 ELSE 9 END,
                   'DROP ' || CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END
                   || ' IF EXISTS ' || quote_ident(n.nspname) || '.' || quote_ident(t.typname) || ' CASCADE'
            FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
            LEFT JOIN pg_catalog.pg_class c ON c.oid = t.typrelid
            WHERE n.nspname = $1 AND t.typtype IN ('d', 'e', 'r', 'c') AND (t.typtype <> 'c' OR c.relkind = 'c')
              AND t.oid NOT IN (SELECT objid FROM owned_by_extension)
            UNION ALL
            SELECT 10, 'DROP COLLATION IF EXISTS ' || quote_ident(n.nspname) || '.' || quote_ident(o.collname) || ' CASCADE'
            FROM pg_catalog.pg_collation o JOIN pg_catalog.pg_namespace n ON n.oid = o.collnamespace
            WHERE n.nspname = $1 AND o.oid NOT IN (SELECT objid FROM owned_by_extension)
        )
        SELECT statement FROM statements ORDER BY rank, statement
        """

    // Redshift has no extensions, sequences or user types; its pg_proc has no prokind, pg_proc_info does.
    private static let redshiftCleanQuery = """
        SELECT statement FROM (
            SELECT CASE c.relkind WHEN 'v' THEN 1 ELSE 2 END AS rank,
                   'DROP ' || CASE c.relkind WHEN 'v' THEN 'VIEW' ELSE 'TABLE' END || ' IF EXISTS '
                   || quote_ident(n.nspname) || '.' || quote_ident(c.relname) || ' CASCADE' AS statement
            FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = $1 AND c.relkind IN ('r', 'v')
            UNION ALL
            SELECT 3, 'DROP ' || CASE p.prokind WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END || ' '
                   || quote_ident(n.nspname) || '.' || quote_ident(p.proname)
                   || '(' || pg_catalog.oidvectortypes(p.proargtypes) || ')'
            FROM pg_catalog.pg_proc_info p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = $1
        ) AS statements ORDER BY rank, statement
        """
}
