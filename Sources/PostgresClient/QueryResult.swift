/// The outcome of a statement: its columns, every row as text, and the server's command tag.
public struct QueryResult: Sendable, Equatable {
    /// Column names in order, as the server reports them.
    public var columns: [String]
    /// Every row, one text value per column; `nil` is SQL NULL.
    public var rows: [[String?]]
    /// The command tag, e.g. `SELECT 2`, `INSERT 0 1`, `CREATE TABLE`; empty for an empty query.
    public var commandTag: String
    /// Rows the command affected or returned, when its tag carries a count.
    public var affectedRows: Int?

    public init(columns: [String] = [], rows: [[String?]] = [], commandTag: String = "", affectedRows: Int? = nil) {
        self.columns = columns
        self.rows = rows
        self.commandTag = commandTag
        self.affectedRows = affectedRows
    }
}
