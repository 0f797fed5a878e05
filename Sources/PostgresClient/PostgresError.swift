/// Why a call to the database failed.
public enum PostgresError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The server rejected a statement; the connection is still usable.
    case server(ServerMessage)
    /// Could not connect; libpq's message, trimmed, never containing a password.
    case connectionFailed(String)
    /// The connection broke during the call; the connection is no longer usable.
    case connectionLost(String)
    /// Anything else libpq reports, or a misuse such as calling a closed connection.
    case client(String)

    /// What every command says when the connection breaks, with libpq's `detail`.
    public static func lostConnectionMessage(_ detail: String) -> String {
        "the connection to the database was lost: \(detail)"
    }

    /// One or more lines: `ERROR:  message (SQLSTATE 22012)`, then `DETAIL:`, `HINT:` and `CONTEXT:` lines when present.
    public var description: String {
        switch self {
        case .server(let message):
            var lines = ["\(message.severity):  \(message.message) (SQLSTATE \(message.sqlstate))"]
            if let detail = message.detail { lines.append("DETAIL:  \(detail)") }
            if let hint = message.hint { lines.append("HINT:  \(hint)") }
            if let context = message.context { lines.append("CONTEXT:  \(context)") }
            return lines.joined(separator: "\n")
        case .connectionFailed(let text):
            return "could not connect: \(text)"
        case .connectionLost(let text):
            return "connection lost: \(text)"
        case .client(let text):
            return text
        }
    }
}
