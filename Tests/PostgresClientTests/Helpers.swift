import PostgresClient
import Testing
import TestSupport

/// A new superuser session on the shared test server.
func connectToSharedServer() throws -> Connection {
    try TestServer.connect()
}

/// The `PostgresError` that `body` throws, or `nil` when it succeeds (any other error is recorded as an issue).
func postgresError<Value>(_ body: () throws -> Value) -> PostgresError? {
    do {
        _ = try body()
        return nil
    } catch let error as PostgresError {
        return error
    } catch {
        Issue.record("expected a PostgresError, got \(error)")
        return nil
    }
}

extension PostgresError {
    /// The server's message, when this is a server error.
    var serverMessage: ServerMessage? {
        if case .server(let message) = self { return message }
        return nil
    }
}
