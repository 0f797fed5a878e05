import Dialect
import Diagnostics
import Migrations
import PostgresClient

/// Flyway's schema history table: find, create, read and write it, exactly as Flyway does.
package struct SchemaHistory: Sendable {
    let schema: String
    let table: String
    let dialect: Dialect

    package var qualifiedName: String { dialect.qualified(schema: schema, table: table) }
    package var displayName: String { "\(schema).\(table)" }

    /// Whether the table exists; throws when it exists with a layout that is not Flyway's.
    package func exists(on connection: Connection) throws(Diagnostic) -> Bool {
        let columns = try run { () throws(PostgresError) in
            try connection.execute(
                """
                SELECT a.attname FROM pg_catalog.pg_attribute a
                JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
                JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = $1 AND c.relname = $2 AND a.attnum > 0 AND NOT a.attisdropped
                ORDER BY a.attnum
                """, parameters: [schema, table]
            ).rows.compactMap { $0.first ?? nil }
        }
        if columns.isEmpty { return false }
        guard columns == Dialect.historyColumns else {
            throw Diagnostic(
                category: .validation, code: "history-layout",
                message: "table \(displayName) exists but is not a schema history table",
                notes: ["have columns: \(columns.joined(separator: ", "))",
                        "want columns: \(Dialect.historyColumns.joined(separator: ", "))"],
                hint: "point --table at another name, or rename the existing table")
        }
        return true
    }

    package func create(with writer: ChangeWriter) throws(Diagnostic) {
        for statement in dialect.createHistoryTable(schema: schema, table: table) {
            try write(BoundStatement(statement), with: writer)
        }
    }

    /// All rows, ordered by installed rank.
    package func read(on connection: Connection) throws(Diagnostic) -> [AppliedMigration] {
        let result = try run { () throws(PostgresError) in
            try connection.execute(
                """
                SELECT installed_rank, version, description, type, script, checksum, installed_by,
                       installed_on, execution_time, success
                FROM \(qualifiedName) ORDER BY installed_rank
                """)
        }
        return result.rows.map { row in
            AppliedMigration(
                installedRank: Int(row[0] ?? "") ?? 0,
                version: row[1],
                description: row[2] ?? "",
                type: row[3] ?? "",
                script: row[4] ?? "",
                checksum: row[5].flatMap { Int32($0) },
                installedBy: row[6] ?? "",
                installedOn: row[7] ?? "",
                executionTime: Int(row[8] ?? "") ?? 0,
                success: row[9] == "t" || row[9] == "true")
        }
    }

    /// Appends a row with the next installed rank; `rank` is given only for Flyway's rank-0 schema marker.
    package func insert(
        _ row: HistoryRowValues, installedBy: String, executionTime: ExecutionTime = .milliseconds(0),
        success: Bool = true, rank: Int? = nil, with writer: ChangeWriter
    ) throws(Diagnostic) {
        try write(
            insertStatement(row, installedBy: installedBy, executionTime: executionTime, success: success, rank: rank),
            with: writer)
    }

    /// How a row's `execution_time` is known: measured by Slipway, or computed by the server as the row is
    /// written (an SQL expression), when the row goes in the same query as the migration it records.
    package enum ExecutionTime: Sendable {
        case milliseconds(Int)
        case expression(String)

        /// The value in SQL: the parameter `$number`, bound to the milliseconds, or the expression itself.
        func bound(as number: Int) -> (sql: String, parameter: String?) {
            switch self {
            case .milliseconds(let milliseconds): ("$\(number)", String(milliseconds))
            case .expression(let expression): (expression, nil)
            }
        }
    }

    /// The INSERT that appends a row with the next installed rank.
    package func insertStatement(
        _ row: HistoryRowValues, installedBy: String, executionTime: ExecutionTime, success: Bool, rank: Int? = nil
    ) -> BoundStatement {
        // The aggregate makes the SELECT yield exactly one row, also on an empty table.
        let rankSQL = rank.map { "\($0)" } ?? "(SELECT COALESCE(MAX(installed_rank), 0) + 1 FROM \(qualifiedName))"
        var parameters: [String?] = [
            row.version, storedDescription(row.description), row.type, storedScript(row.script),
            row.checksum.map { String($0) }, installedBy,
            success ? "true" : "false",
        ]
        let time = executionTime.bound(as: 8)
        if let value = time.parameter { parameters.append(value) }
        let sql = """
            INSERT INTO \(qualifiedName) (installed_rank, version, description, type, script, checksum,
                installed_by, success, execution_time)
            SELECT \(rankSQL), $1, $2, $3, $4, $5, $6, $7, \(time.sql)
            """
        return BoundStatement(sql, parameters: parameters)
    }

    /// Marks the newest failed row of `script` successful: the row a file that runs outside a transaction
    /// wrote before it started.
    package func markSucceeded(script: String, executionTime: ExecutionTime, with writer: ChangeWriter)
        throws(Diagnostic)
    {
        let time = executionTime.bound(as: 2)
        try write(
            BoundStatement(
                """
                UPDATE \(qualifiedName) SET success = true, execution_time = \(time.sql)
                WHERE installed_rank = (SELECT MAX(installed_rank) FROM \(qualifiedName) WHERE script = $1 AND NOT success)
                """, parameters: [storedScript(HistoryText.abbreviatedScript(script))]
                    + (time.parameter.map { [$0] } ?? [])),
            with: writer)
    }

    package func delete(rank: Int, with writer: ChangeWriter) throws(Diagnostic) {
        try write(
            BoundStatement("DELETE FROM \(qualifiedName) WHERE installed_rank = $1", parameters: [String(rank)]),
            with: writer)
    }

    package func realign(rank: Int, checksum: Int32?, description: String, type: String, with writer: ChangeWriter)
        throws(Diagnostic)
    {
        try write(
            BoundStatement(
                "UPDATE \(qualifiedName) SET checksum = $1, description = $2, type = $3 WHERE installed_rank = $4",
                parameters: [checksum.map { String($0) }, storedDescription(description), type, String(rank)]),
            with: writer)
    }

    /// Flyway's cut text as this server's columns hold it: Redshift's VARCHAR lengths count bytes.
    private func storedDescription(_ description: String) -> String {
        dialect.kind == .redshift ? HistoryText.redshiftDescription(description) : description
    }

    private func storedScript(_ script: String) -> String {
        dialect.kind == .redshift ? HistoryText.redshiftScript(script) : script
    }

    private func write(_ statement: BoundStatement, with writer: ChangeWriter) throws(Diagnostic) {
        try run { () throws(PostgresError) in try writer.execute(statement) }
    }

    /// Runs one history statement; a failure here is about the history table, not a migration.
    @discardableResult
    private func run<T>(_ body: () throws(PostgresError) -> T) throws(Diagnostic) -> T {
        do {
            return try body()
        } catch {
            throw ServerErrorDiagnostic.make(
                error, statement: nil, script: nil, file: nil, category: .migration,
                hint: "check that the user may read and write \(displayName)")
        }
    }
}
