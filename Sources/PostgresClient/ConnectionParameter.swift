/// One libpq connection keyword and its value, e.g. `host` = `/run/postgresql`.
///
/// The keywords are libpq's (`host`, `port`, `user`, `password`, `dbname`, `sslmode`, ...); values are passed as they
/// are, never parsed as a connection string.
public struct ConnectionParameter: Sendable, Hashable {
    public var key: String
    public var value: String

    public init(_ key: String, _ value: String) {
        self.key = key
        self.value = value
    }
}
