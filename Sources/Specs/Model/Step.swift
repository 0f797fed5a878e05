import Diagnostics

/// One thing the runner does to the database: run SQL, load a fixture into a table, or capture a row.
public enum Step: Sendable, Equatable {
    /// SQL to run; the text may hold several statements.
    case sql(SQLText)
    /// Rows to insert into a table.
    case load(Fixture)
    /// A query whose one row is kept as named values.
    case capture(Capture)

    /// Where the step is written in the spec file.
    public var location: SourceLocation {
        switch self {
        case .sql(let text): text.location
        case .load(let fixture): fixture.location
        case .capture(let capture): capture.location
        }
    }
}
