import Dialect
import PostgresClient
import RedshiftEmulation

extension Dialect {
    /// A spec's SQL as it goes to the server: rewritten for emulated Redshift, else as written.
    func sent(_ sql: String) -> String {
        emulatesRedshift ? RedshiftEmulation.rewrite(sql).text : sql
    }

    /// Runs a spec step's SQL; on emulated Redshift a COPY from S3 among it reads `objects`, an UNLOAD writes there.
    func run(_ sql: String, on connection: Connection, objects: (any S3ObjectSource)?) throws {
        guard emulatesRedshift else {
            try connection.execute(sql)
            return
        }
        for piece in RedshiftEmulation.pieces(sql) {
            let statement = try RedshiftEmulation.sent(piece, objects: objects)
            if let data = statement.copyData {
                _ = try connection.copyIn(statement.sql, data: data)
            } else if let unload = statement.unload, let objects {
                let result = try connection.execute(statement.sql)
                try unload.write(columns: result.columns, rows: result.rows, to: objects)
            } else {
                try connection.execute(statement.sql)
            }
        }
    }
}
