/// Where the connection stands with respect to transactions, as libpq last saw it.
public enum TransactionStatus: Sendable {
    /// No transaction is open.
    case idle
    /// A statement is running.
    case active
    /// Inside a transaction block that has had no error.
    case inTransaction
    /// Inside a transaction block that failed; only ROLLBACK is accepted.
    case inError
    /// The connection is closed or broken.
    case unknown
}
