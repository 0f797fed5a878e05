/// One libpq connection keyword and its value, e.g. `host` = `localhost`.
public struct ConnectionParameter: Sendable, Equatable, CustomStringConvertible {
    public var key: String
    public var value: String

    public init(_ key: String, _ value: String) {
        self.key = key
        self.value = value
    }

    /// `key=value`, with the value of `password` masked.
    public var description: String { "\(key)=\(key == "password" ? "***" : value)" }
}
