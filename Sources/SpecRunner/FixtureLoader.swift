import Dialect
import PostgresClient
import Specs

/// Loads a fixture's rows into its table: `COPY ... FROM STDIN` in CSV where the server has it, else
/// multi-row INSERTs with bind parameters. Values never go into SQL text.
struct FixtureLoader {
    let connection: Connection
    let dialect: Dialect

    /// A value the wire protocol cannot carry.
    struct UnloadableValue: Error {
        let row: Int
        let column: String
    }

    func load(_ fixture: Fixture) throws -> Int {
        if let bad = Self.firstNulByte(fixture) { throw bad }
        guard !fixture.rows.isEmpty else { return 0 }
        let columns = fixture.columns.map(columnName).joined(separator: ", ")
        if dialect.supportsCopyFromStdin {
            let data = fixture.rows.map(Self.csvLine).joined()
            return try connection.copyIn(
                "COPY \(fixture.table) (\(columns)) FROM STDIN WITH (FORMAT csv)", data: data)
        }
        return try insertInBatches(fixture, columns: columns)
    }

    /// Batches stay under the parameter limit and a few megabytes, well within Redshift's 16 MB statement limit.
    private func insertInBatches(_ fixture: Fixture, columns: String) throws -> Int {
        let width = max(fixture.columns.count, 1)
        let rowsPerBatch = max(1, min(1_000, dialect.maxParametersPerStatement / width))
        var loaded = 0
        var start = 0
        while start < fixture.rows.count {
            let batch = fixture.rows[start..<min(start + rowsPerBatch, fixture.rows.count)]
            var placeholders: [String] = []
            var parameters: [String?] = []
            for row in batch {
                let first = parameters.count
                placeholders.append("(" + (1...width).map { "$\(first + $0)" }.joined(separator: ", ") + ")")
                parameters += row
            }
            try connection.execute(
                "INSERT INTO \(fixture.table) (\(columns)) VALUES " + placeholders.joined(separator: ", "),
                parameters: parameters)
            loaded += batch.count
            start += batch.count
        }
        return loaded
    }

    /// A column name as written when it is a plain identifier (so it folds as in the user's SQL), else quoted.
    private func columnName(_ name: String) -> String {
        let plain = name.first.map { $0 == "_" || $0.isLetter } == true
            && name.allSatisfy { $0 == "_" || $0 == "$" || $0.isLetter || $0.isNumber } && name.isASCII
        return plain ? name : dialect.quoteIdentifier(name)
    }

    /// CSV as COPY reads it: NULL is an unquoted empty field, every value is quoted so "" stays an empty string.
    static func csvLine(_ row: [String?]) -> String {
        row.map { value in
            guard let value else { return "" }
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: ",") + "\n"
    }

    private static func firstNulByte(_ fixture: Fixture) -> UnloadableValue? {
        for (rowIndex, row) in fixture.rows.enumerated() {
            for (columnIndex, value) in row.enumerated() where value?.utf8.contains(0) == true {
                let column = columnIndex < fixture.columns.count ? fixture.columns[columnIndex] : "#\(columnIndex + 1)"
                return UnloadableValue(row: rowIndex + 1, column: column)
            }
        }
        return nil
    }
}

extension String {
    var isASCII: Bool { utf8.allSatisfy { $0 < 0x80 } }
}
