import CLibPQ

extension QueryResult {
    /// Reads a successful libpq result: every value as text, `nil` for NULL.
    init(result: OpaquePointer) {
        let columnCount = PQnfields(result)
        let rowCount = PQntuples(result)
        let columns = (0..<columnCount).map { column in
            PQfname(result, column).map { String(cString: $0) } ?? ""
        }
        let rows = (0..<rowCount).map { row in
            (0..<columnCount).map { column -> String? in
                guard PQgetisnull(result, row, column) == 0, let value = PQgetvalue(result, row, column) else {
                    return nil
                }
                return String(cString: value)
            }
        }
        let tuples = PQcmdTuples(result).map { String(cString: $0) } ?? ""
        self.init(
            columns: columns,
            rows: rows,
            commandTag: PQcmdStatus(result).map { String(cString: $0) } ?? "",
            affectedRows: Int(tuples)
        )
    }
}
