import Dialect
import Diagnostics
import PostgresClient

/// Who and where a run is: the database user, the managed schemas and the history table.
struct SessionContext {
    let user: String
    let database: String
    /// The managed schemas; the first is the default schema and holds the history table.
    let schemas: [String]
    let history: SchemaHistory
    /// The `SET search_path` the session ran, when schemas are configured (a dry-run script repeats it).
    var searchPath: String?

    var defaultSchema: String { schemas[0] }

    static func read(connection: Connection, dialect: Dialect, options: MigratorOptions) throws -> SessionContext {
        let row: [String?]
        do {
            row = try connection.execute("SELECT current_user, current_database(), current_schema()").rows.first ?? []
        } catch {
            throw ServerErrorDiagnostic.make(error, statement: nil, script: nil, file: nil, category: .connection, hint: nil)
        }
        var schemas = options.schemas
        var searchPath: String?
        if schemas.isEmpty {
            guard row.count == 3, let current = row[2] else {
                throw Diagnostic(
                    category: .input, code: "no-schema",
                    message: "the connection has no current schema (search_path names no existing schema)",
                    hint: "name the schema to manage with --schemas or FLYWAY_SCHEMAS")
            }
            schemas = [current]
        } else {
            // Unqualified names in migrations resolve to the default schema first, as with Flyway.
            let statement = "SET search_path TO " + schemas.map(dialect.quoteIdentifier).joined(separator: ", ")
            searchPath = statement
            do {
                try connection.execute(statement)
            } catch {
                throw ServerErrorDiagnostic.make(error, statement: nil, script: nil, file: nil, category: .connection, hint: nil)
            }
        }
        return SessionContext(
            user: (row.first ?? nil) ?? "", database: (row.count > 1 ? row[1] : nil) ?? "", schemas: schemas,
            history: SchemaHistory(schema: schemas[0], table: options.table, dialect: dialect), searchPath: searchPath)
    }

    /// The configured schemas that do not exist yet, in configuration order.
    func missingSchemas(on connection: Connection) throws -> [String] {
        var missing: [String] = []
        for schema in schemas {
            let found = try query(
                connection, "SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = $1", [schema])
            if found.isEmpty { missing.append(schema) }
        }
        return missing
    }

    /// Whether the default schema holds tables, views, sequences or routines (a database Flyway would call
    /// non-empty).
    func schemaHasObjects(on connection: Connection) throws -> Bool {
        let rows = try query(
            connection,
            """
            SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = $1 AND c.relkind IN ('r', 'v', 'm', 'S', 'f', 'p')
            UNION ALL
            SELECT 1 FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = $1
            LIMIT 1
            """, [defaultSchema])
        return !rows.isEmpty
    }

    private func query(_ connection: Connection, _ sql: String, _ parameters: [String?]) throws -> [[String?]] {
        do {
            return try connection.execute(sql, parameters: parameters).rows
        } catch {
            throw ServerErrorDiagnostic.make(error, statement: nil, script: nil, file: nil, category: .migration, hint: nil)
        }
    }
}
