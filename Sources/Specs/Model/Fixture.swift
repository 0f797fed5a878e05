import Diagnostics

/// Rows to insert into one table, written inline in the spec or read from a CSV file.
public struct Fixture: Sendable, Equatable {
    /// Where the rows came from.
    public enum Source: Sendable, Equatable {
        /// `rows:` written in the spec file.
        case inline
        /// A CSV file; the path is the one that was read (relative paths are joined to the spec file's folder).
        case csv(path: String)
        /// A CSV file in Amazon S3 that the server reads itself (Redshift's `COPY ... FROM 's3://...'`):
        /// `s3://bucket/key`, or `s3:key` for a key in the configured test-data bucket. `rows` is empty.
        case s3(location: String)
    }

    /// The table, possibly schema-qualified (`analytics.products`).
    public var table: String
    /// The columns that the values of each row go into, in order.
    public var columns: [String]
    /// The rows; every row has `columns.count` values; nil is SQL NULL.
    public var rows: [[String?]]
    public var source: Source
    /// Where the `load:` value is written in the spec file.
    public var location: SourceLocation

    public init(table: String, columns: [String], rows: [[String?]], source: Source, location: SourceLocation) {
        self.table = table
        self.columns = columns
        self.rows = rows
        self.source = source
        self.location = location
    }
}
