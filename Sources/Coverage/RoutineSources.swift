/// Every routine definition in the applied migrations, in the order they ran, for finding where a routine of the
/// database was last defined.
public struct RoutineSources: Sendable, Equatable {
    /// Oldest first: a later definition replaces an earlier one.
    public var definitions: [RoutineSource]

    public init(definitions: [RoutineSource]) {
        self.definitions = definitions
    }

    /// The definitions of these migration files, given in the order they ran (for a repeatable migration, the
    /// order of its latest run).
    public init(appliedFiles: [(file: String, text: String)]) {
        definitions = appliedFiles.flatMap { RoutineSource.find(in: $0.text, file: $0.file) }
    }

    /// The definition of the routine the server stores as `schema.name` with body `body`: the latest one with that
    /// name and that exact body, else (the body was changed on the way, by placeholders or emulation) the latest
    /// one with that name; nil when no migration defines it.
    public func source(schema: String, name: String, body: String) -> RoutineSource? {
        let named = definitions.filter { $0.name == name && ($0.schema == nil || $0.schema == schema) }
        return named.last { $0.body == body } ?? named.last
    }
}
