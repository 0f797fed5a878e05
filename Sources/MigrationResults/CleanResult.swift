/// What `clean` dropped.
public struct CleanResult: Sendable, Equatable {
    /// Schemas dropped whole because Slipway or Flyway created them (the history table's schema-creation row).
    public var droppedSchemas: [String]
    /// Schemas that were emptied but kept, because they existed before the first migration.
    public var emptiedSchemas: [String]
    /// How many DROP statements ran in the emptied schemas.
    public var droppedObjects: Int

    public init(droppedSchemas: [String] = [], emptiedSchemas: [String] = [], droppedObjects: Int = 0) {
        self.droppedSchemas = droppedSchemas
        self.emptiedSchemas = emptiedSchemas
        self.droppedObjects = droppedObjects
    }
}
