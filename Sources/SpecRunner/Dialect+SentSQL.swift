import Dialect
import PostgresClient
import RedshiftEmulation

extension Dialect {
    /// A spec's SQL as it goes to the server: rewritten for emulated Redshift, else as written.
    func sent(_ sql: String) -> String {
        emulatesRedshift ? RedshiftEmulation.rewrite(sql).text : sql
    }

    /// Runs a spec step's SQL; on emulated Redshift a COPY from S3 among it reads `objects`.
    func run(_ sql: String, on connection: Connection, objects: (any S3ObjectSource)?) throws {
        guard emulatesRedshift else {
            try connection.execute(sql)
            return
        }
        for statement in try RedshiftEmulation.sent(sql, objects: objects) {
            if let data = statement.copyData {
                _ = try connection.copyIn(statement.sql, data: data)
            } else {
                try connection.execute(statement.sql)
            }
        }
    }
}
