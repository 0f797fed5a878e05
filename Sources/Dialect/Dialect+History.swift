/// The schema history table's DDL, byte for byte the table Flyway creates, so databases move between the tools.
extension Dialect {
    /// Follows the server's syntax, not the forced behaviours: PostgreSQL rejects `SORTKEY` and `getdate()`.
    public func createHistoryTable(schema: String, table: String) -> [String] {
        let name = qualified(schema: schema, table: table)
        switch server {
        case .postgresql:
            return [
                """
                CREATE TABLE \(name) ("installed_rank" INT NOT NULL, "version" VARCHAR(50), \
                "description" VARCHAR(200) NOT NULL, "type" VARCHAR(20) NOT NULL, "script" VARCHAR(1000) NOT NULL, \
                "checksum" INTEGER, "installed_by" VARCHAR(100) NOT NULL, \
                "installed_on" TIMESTAMP NOT NULL DEFAULT now(), "execution_time" INTEGER NOT NULL, \
                "success" BOOLEAN NOT NULL)
                """,
                "ALTER TABLE \(name) ADD CONSTRAINT \(quoteIdentifier(table + "_pk")) PRIMARY KEY (\"installed_rank\")",
                "CREATE INDEX \(quoteIdentifier(table + "_s_idx")) ON \(name) (\"success\")",
            ]
        case .redshift:
            return [
                """
                CREATE TABLE \(name) ("installed_rank" INT NOT NULL SORTKEY, "version" VARCHAR(50), \
                "description" VARCHAR(200) NOT NULL, "type" VARCHAR(20) NOT NULL, "script" VARCHAR(1000) NOT NULL, \
                "checksum" INTEGER, "installed_by" VARCHAR(100) NOT NULL, \
                "installed_on" TIMESTAMP NOT NULL DEFAULT getdate(), "execution_time" INTEGER NOT NULL, \
                "success" BOOLEAN NOT NULL)
                """,
                "ALTER TABLE \(name) ADD CONSTRAINT \(quoteIdentifier(table + "_pk")) PRIMARY KEY (\"installed_rank\")",
            ]
        }
    }

    /// A migration's `execution_time` computed by the server when its history row is written in the migration's
    /// own transaction: the milliseconds since the transaction began. Nil on Redshift, whose migrations are sent
    /// statement by statement and timed by Slipway.
    public var transactionElapsedMilliseconds: String? {
        switch server {
        case .postgresql: return "CAST(EXTRACT(EPOCH FROM clock_timestamp() - now()) * 1000 AS INTEGER)"
        case .redshift: return nil
        }
    }

    /// The columns Flyway's history table has, in order; a table with another layout is refused.
    public static let historyColumns = [
        "installed_rank", "version", "description", "type", "script", "checksum", "installed_by", "installed_on",
        "execution_time", "success",
    ]
}
