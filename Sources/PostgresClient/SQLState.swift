/// SQLSTATEs Slipway tells apart, by their names in PostgreSQL's errcodes table.
public enum SQLState {
    public static let syntaxError = "42601"
    public static let lockNotAvailable = "55P03"
    public static let inFailedSQLTransaction = "25P02"
    public static let invalidTransactionTermination = "2D000"
    /// A second `CREATE` of the same schema or table by a concurrent run: duplicate schema, duplicate table, or
    /// the catalog's unique index when both create at once.
    public static let concurrentCreation: Set<String> = ["42P06", "42P07", "23505"]
}
