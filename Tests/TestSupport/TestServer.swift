import EmbeddedPostgres
import Foundation
import PostgresClient

/// One embedded PostgreSQL per test process, started on first use and stopped when the process exits;
/// each test that changes schema state works in a database of its own.
public enum TestServer {
    public static let shared: Result<EmbeddedServer, any Error> = Result {
        let binaries = try PostgresBinaries.locate(environment: ProcessInfo.processInfo.environment)
        let server = try EmbeddedServer.start(EmbeddedServer.Options(binaries: binaries))
        atexit {
            if case .success(let server) = TestServer.shared { server.stop() }
        }
        return server
    }

    /// A new superuser session on the shared server, in `database` (default: the maintenance database).
    public static func connect(database: String? = nil) throws -> Connection {
        try Connection(parameters: parameters(database: database))
    }

    public static func parameters(database: String? = nil) throws -> [ConnectionParameter] {
        var parameters = try shared.get().connectionParameters
        if let database {
            parameters.removeAll { $0.key == "dbname" }
            parameters.append(ConnectionParameter("dbname", database))
        }
        return parameters
    }

    /// A libpq URI for `database`, as a user would pass with `--url`.
    public static func url(database: String) throws -> String {
        let server = try shared.get()
        let host = server.socketDirectory.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        return "postgresql://\(server.user)@/\(database)?host=\(host)&port=\(server.port)"
    }

    /// Creates an empty database with a unique name and returns the name.
    public static func createDatabase(prefix: String = "t") throws -> String {
        let name = "\(prefix)_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))"
        let admin = try connect()
        defer { admin.close() }
        try admin.execute("CREATE DATABASE \(name)")
        return name
    }
}
