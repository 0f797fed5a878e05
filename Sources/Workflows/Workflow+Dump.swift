import Diagnostics
import MigrationResults
import Migrator
import SchemaDump
import TargetDatabase

extension Workflow {
    /// The managed schemas as SQL, from the server's own `pg_dump --schema-only`. On the embedded server the
    /// database is migrated first, so the dump shows the schema the migrations build; a configured database is
    /// dumped as it is.
    public func dump(events: @escaping (MigrationEvent) -> Void) throws -> String {
        let discovered = try discover()
        return try withDatabase { database in
            guard database.dialect.supportsSchemaDump else {
                throw Diagnostic(
                    category: .input, code: "dump-unsupported",
                    message: "pg_dump cannot dump \(database.dialect.kind.rawValue) (its catalog is PostgreSQL 8.0's)",
                    hint: "dump the schema the migrations build on the embedded PostgreSQL instead: slipway dump --ephemeral")
            }
            if database.embedded != nil {
                discovered.warnings.forEach { events(.warning($0)) }
                _ = try migrator(database, events: events).migrate(discovered)
            }
            let (major, currentSchema) = try serverFacts(database)
            let tool = try PgDump.locate(environment: invocation.environment, serverMajor: major)
            let parameters = database.embedded?.connectionParameters.map { ($0.key, $0.value) }
                ?? (settings.database?.parameters ?? []).map { ($0.key, $0.value) }
            return try SchemaDumper.dump(
                with: tool, parameters: Dictionary(parameters) { _, last in last },
                schemas: settings.schemas.isEmpty ? [currentSchema] : settings.schemas,
                environment: invocation.environment)
        }
    }

    /// The server's major version and the connection's current schema.
    private func serverFacts(_ database: OpenedDatabase) throws -> (major: Int, schema: String) {
        let row: [String?]
        do {
            row = try database.connection.execute(
                "SELECT current_setting('server_version_num'), current_schema()").rows.first ?? []
        } catch {
            throw Diagnostic(category: .connection, code: "server-version", message: "could not read the server version: \(error)")
        }
        guard row.count == 2, let number = row[0].flatMap({ Int($0) }), let schema = row[1] else {
            throw Diagnostic(
                category: .input, code: "no-schema", message: "the connection has no current schema to dump",
                hint: "name the schemas with --schemas or FLYWAY_SCHEMAS")
        }
        return (number / 10000, schema)
    }
}
