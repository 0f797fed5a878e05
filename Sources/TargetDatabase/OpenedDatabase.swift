import Configuration
import Diagnostics
import Dialect
import EmbeddedPostgres
import Foundation
import PostgresClient

/// The database one command works on: the configured one, or a private embedded PostgreSQL.
public final class OpenedDatabase {
    public let connection: Connection
    public let dialect: Dialect
    /// `SELECT version()` as the server reports it.
    public let serverVersion: String
    /// Where we are connected, for display; never holds a password.
    public let display: String
    /// The embedded server, when Slipway started one.
    public let embedded: EmbeddedServer?
    /// What ``connection`` connected with, for opening more sessions (e.g. test workers); holds the password.
    let connectionParameters: [PostgresClient.ConnectionParameter]
    let keep: Bool
    /// Stops a connect that waits for the server, as it cancels a running statement.
    let interruption: Interruption
    /// The statements that prepared ``connection``'s session, run on every other session opened for this run.
    var sessionSetup = ""

    /// Opens the configured database, or starts the embedded one when none is configured or `ephemeral` is set.
    ///
    /// - Parameters:
    ///   - keep: leave the embedded server running after ``close()`` (for `--keep`).
    ///   - embeddedPort: a localhost TCP port for the embedded server, besides its private unix socket.
    public init(settings: Settings, ephemeral: Bool, keep: Bool, environment: [String: String],
                interruption: Interruption, embeddedPort: Int? = nil) throws(Diagnostic)
    {
        self.keep = keep
        self.interruption = interruption
        var server: EmbeddedServer?
        let parameters: [PostgresClient.ConnectionParameter]
        if let target = settings.database, !ephemeral {
            parameters = target.parameters.map { PostgresClient.ConnectionParameter($0.key, $0.value) }
            display = target.display
            if let problem = PostgresClient.ConnectionParameter.problem(in: parameters) {
                throw Diagnostic(
                    category: .input, code: "connection-option", message: "bad connection setting for \(display): \(problem)",
                    hint: "fix the URL's parameters (libpq's keywords: https://www.postgresql.org/docs/current/libpq-connect.html)")
            }
        } else {
            let binaries = try PostgresBinaries.locate(environment: environment)
            let started = try EmbeddedServer.start(
                EmbeddedServer.Options(binaries: binaries, tcpPort: embeddedPort, environment: environment))
            server = started
            parameters = started.connectionParameters
            display = "embedded PostgreSQL \(binaries.version) (\(started.socketDirectory))"
        }
        embedded = server
        connectionParameters = [PostgresClient.ConnectionParameter("application_name", "slipway")] + parameters
        do {
            connection = try Connection(parameters: connectionParameters) { interruption.isInterrupted }
            let version = try connection.execute("SELECT version()").rows.first?.first ?? nil
            serverVersion = version ?? "unknown"
        } catch {
            server?.stop()
            throw Self.connectionDiagnostic(error, display: display)
        }
        // A jdbc:redshift: URL that --ephemeral replaces still means Redshift: emulated on the embedded server.
        dialect = Dialect.resolve(
            forced: settings.dialect.map { $0 == .redshift ? .redshift : .postgresql },
            redshiftURL: settings.database?.isRedshift == true, versionString: serverVersion)
        try prepareSession(settings)
        if dialect.emulatesRedshift { try installRedshiftFunctions() }
        interruption.watch(connection.makeCanceller())
    }

    /// Closes the connection and removes the embedded server (unless kept).
    public func close() {
        connection.close()
        if keep { embedded?.detach() } else { embedded?.stop() }
    }

    private static func connectionDiagnostic(_ error: PostgresError, display: String) -> Diagnostic {
        let text: String
        switch error {
        case .server(let message): text = message.message
        case .connectionFailed(let message), .connectionLost(let message), .client(let message): text = message
        }
        return Diagnostic(
            category: .connection, code: "connect",
            message: "could not connect to \(display): \(text)",
            hint: "check the URL, user and password (--url, --user, FLYWAY_URL, FLYWAY_USER, FLYWAY_PASSWORD, "
                + "--secret-env), and that the server accepts connections from this machine")
    }
}
