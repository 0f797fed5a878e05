import Diagnostics

/// What a data-migration spec (`migrate: {from: A, to: B}`) asks for: a fresh database of its own migrated to
/// version A, the suite's `setup` (the data as it was), then the migrations up to B, then the tests, which check
/// what the migrations did to that data.
public struct DataMigration: Sendable, Equatable {
    /// The version the data is loaded at, as written (`1.0.1`).
    public var from: String
    /// The version to migrate to afterwards; nil: every pending migration (repeatables too).
    public var to: String?
    /// Where `migrate:` is written in the spec file.
    public var location: SourceLocation

    public init(from: String, to: String? = nil, location: SourceLocation) {
        self.from = from
        self.to = to
        self.location = location
    }
}
