import Diagnostics
import Migrations

extension Migrator {
    /// Drops every object in the managed schemas, the history table included, as Flyway's `clean` does: schemas
    /// that the history table records as created by the migration tool are dropped whole; the others are emptied
    /// object by object and kept, with their owner and grants. Each schema is cleaned in its own transaction.
    ///
    /// Whether clean is allowed at all is the caller's decision (`cleanDisabled`, production environments).
    public func clean() throws -> CleanResult {
        let session = try SessionContext.read(connection: connection, dialect: dialect, options: options)
        return try withLock(session) {
            let created = try session.history.exists(on: connection)
                ? Self.createdSchemas(in: try session.history.read(on: connection)) : []
            let missing = try session.missingSchemas(on: connection)
            var result = CleanResult(droppedSchemas: [], emptiedSchemas: [], droppedObjects: 0)
            for schema in session.schemas where !missing.contains(schema) {
                if created.contains(schema) {
                    try transaction { try execute(dialect.dropSchema(schema)) }
                    result.droppedSchemas.append(schema)
                } else {
                    let statements = try dropStatements(schema)
                    try transaction { try statements.forEach(execute) }
                    result.emptiedSchemas.append(schema)
                    result.droppedObjects += statements.count
                }
            }
            return result
        }
    }

    /// The DROP statements the dialect's catalog query writes for one schema.
    private func dropStatements(_ schema: String) throws -> [String] {
        do {
            return try connection.execute(dialect.cleanStatementsQuery, parameters: [schema]).rows
                .compactMap { $0.first ?? nil }
        } catch {
            throw ServerErrorDiagnostic.make(error, statement: nil, script: nil, file: nil, category: .migration, hint: nil)
        }
    }

    /// The schemas the `<< Flyway Schema Creation >>` row names: its script lists them as quoted identifiers
    /// joined by commas, e.g. `"sales","staging"` (Flyway splits it the same way).
    static func createdSchemas(in rows: [AppliedMigration]) -> Set<String> {
        guard let marker = rows.first(where: { $0.type == HistoryType.schema }) else { return [] }
        return Set(marker.script.split(separator: ",").map { name in
            var name = String(name)
            if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") { name = String(name.dropFirst().dropLast()) }
            return name.replacingOccurrences(of: "\"\"", with: "\"")
        })
    }
}
