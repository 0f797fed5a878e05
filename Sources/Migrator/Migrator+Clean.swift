import Diagnostics
import MigrationDrivers
import MigrationResults
import Migrations

extension Migrator {
    /// Drops every object in the managed schemas, the history table included, as Flyway's `clean` does: schemas
    /// that the history table records as created by the migration tool are dropped whole; the others are emptied
    /// object by object and kept, with their owner and grants. Each schema is cleaned in its own transaction.
    ///
    /// Whether clean is allowed at all is the caller's decision (`cleanDisabled`, production environments).
    public func clean() throws -> CleanResult {
        let driver = try openDriver()
        return try withLock(driver) {
            let created = Self.createdSchemas(in: try driver.readHistoryIfExists())
            let missing = try driver.missingSchemas()
            var result = CleanResult()
            for schema in driver.session.schemas where !missing.contains(schema) {
                if created.contains(schema) {
                    try writer.transaction { try writer.write(driver.dropSchema(schema)) }
                    result.droppedSchemas.append(schema)
                } else {
                    let statements = try driver.cleanStatements(schema: schema)
                    try writer.transaction { for statement in statements { try writer.write(statement) } }
                    result.emptiedSchemas.append(schema)
                    result.droppedObjects += statements.count
                }
            }
            return result
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
