import Dialect
import Diagnostics
import PostgresClient

/// Who and where a run is: the database user, the database and the managed schemas.
package struct SessionFacts: Sendable {
    package let user: String
    package let database: String
    /// The managed schemas; the first is the default schema and holds the history table.
    package let schemas: [String]
    /// The `SET search_path` the session ran, when schemas are configured (a dry-run script repeats it).
    package let searchPath: String?

    package var defaultSchema: String { schemas[0] }

    /// Reads the session's user and database; with `schemas` configured, puts them on the search path, else
    /// manages the connection's current schema.
    static func read(connection: Connection, dialect: Dialect, schemas configured: [String]) throws(Diagnostic)
        -> SessionFacts
    {
        let row: [String?]
        do {
            row = try connection.execute("SELECT current_user, current_database(), current_schema()").rows.first ?? []
        } catch {
            throw ServerErrorDiagnostic.make(error, statement: nil, script: nil, file: nil, category: .connection, hint: nil)
        }
        var schemas = configured
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
        return SessionFacts(
            user: (row.first ?? nil) ?? "", database: (row.count > 1 ? row[1] : nil) ?? "", schemas: schemas,
            searchPath: searchPath)
    }
}
