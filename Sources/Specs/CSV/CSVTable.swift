/// A CSV file's contents: the header's column names and the data rows.
public struct CSVTable: Sendable, Equatable {
    /// The column names from the header line.
    public var header: [String]
    /// The data rows; each has `header.count` fields; nil is an unquoted empty field (SQL NULL).
    public var rows: [[String?]]
    /// The 1-based line on which each row starts, parallel to `rows`.
    public var rowLines: [Int]

    public init(header: [String], rows: [[String?]], rowLines: [Int]) {
        self.header = header
        self.rows = rows
        self.rowLines = rowLines
    }
}
