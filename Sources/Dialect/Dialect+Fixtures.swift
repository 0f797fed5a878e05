/// The SQL that loads test fixtures: multi-row INSERTs where there is no `COPY ... FROM STDIN`, and Redshift's
/// `COPY ... FROM 's3://...'`.
extension Dialect {
    /// Redshift refuses a statement longer than 16 MB; fixture batches stay well below it, counting the bound
    /// values too, since a driver may inline them.
    public var maxFixtureBatchBytes: Int { 4 * 1024 * 1024 }

    /// Whether the server itself can read a fixture from Amazon S3 (Redshift's `COPY ... FROM 's3://...'`).
    public var supportsCopyFromS3: Bool { server == .redshift }

    /// `INSERT INTO table (columns) VALUES ($1, $2), ($3, $4)`: `rows` rows of `columns.count` bind parameters.
    ///
    /// - Parameters:
    ///   - table: the table as the spec names it (SQL text, possibly schema-qualified).
    ///   - columns: the column names as SQL text (already quoted where needed).
    public func insertRows(table: String, columns: [String], rows: Int) -> String {
        let width = columns.count
        let tuples = (0..<rows).map { row in
            "(" + (0..<width).map { "$\(row * width + $0 + 1)" }.joined(separator: ", ") + ")"
        }
        return "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES " + tuples.joined(separator: ", ")
    }

    /// `COPY table (columns) FROM 's3://bucket/key' IAM_ROLE 'arn:...' CSV IGNOREHEADER 1`; no column list loads
    /// every column in table order.
    ///
    /// Nil when the location or the role holds a character (a backslash or a control character) that would need
    /// an escape whose meaning differs between servers; the quote is doubled as SQL requires.
    public func copyFromS3(table: String, columns: [String], location: String, iamRole: String) -> String? {
        guard let source = Self.plainLiteral(location), let role = Self.plainLiteral(iamRole) else { return nil }
        let list = columns.isEmpty ? "" : " (\(columns.joined(separator: ", ")))"
        return "COPY \(table)\(list) FROM \(source) IAM_ROLE \(role) CSV IGNOREHEADER 1"
    }

    private static func plainLiteral(_ value: String) -> String? {
        let unsafe = value.unicodeScalars.contains { $0 == "\\" || $0.value < 0x20 || $0.value == 0x7F }
        return unsafe ? nil : "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
    }
}
