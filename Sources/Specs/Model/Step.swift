import Diagnostics

/// One thing the runner does to the database: run SQL, or load a fixture into a table.
public enum Step: Sendable, Equatable {
    /// SQL to run; the text may hold several statements.
    case sql(SQLText)
    /// Rows to insert into a table.
    case load(Fixture)

    /// Where the step is written in the spec file.
    public var location: SourceLocation {
        switch self {
        case .sql(let text): text.location
        case .load(let fixture): fixture.location
        }
    }
}
