import Foundation
import PostgresClient
import Synchronization

/// A private, throwaway PostgreSQL server for tests and for runs with no database configured.
///
/// Each server runs from its own copy of a cached template cluster in a private run directory that holds the data
/// directory, the unix socket and the server log. ``stop()`` removes it all; a watchdog process does the same if the
/// owning process dies without stopping it.
public final class EmbeddedServer: Sendable {
    /// The run directory, which holds the server's unix socket.
    public let socketDirectory: String
    /// The port number: the TCP port when one was asked for, else the one in the socket's name.
    public let port: Int
    public let dataDirectory: String
    /// The superuser's name.
    public let user = "postgres"
    /// The database to connect to.
    public let database = "postgres"
    /// The postmaster's process ID.
    let serverProcessID: pid_t
    let state: Mutex<State>

    /// What is left to do when the server stops.
    enum State {
        case running(Watchdog)
        case stopped
        case detached
    }

    init(runDirectory: String, port: Int, serverProcessID: pid_t, watchdog: Watchdog) {
        socketDirectory = runDirectory
        self.port = port
        dataDirectory = "\(runDirectory)/data"
        self.serverProcessID = serverProcessID
        state = Mutex(.running(watchdog))
    }

    deinit {
        stop()
    }

    /// libpq parameters for a superuser session: `host` (the socket directory), `port`, `user`, `dbname`.
    public var connectionParameters: [ConnectionParameter] {
        [
            ConnectionParameter("host", socketDirectory),
            ConnectionParameter("port", String(port)),
            ConnectionParameter("user", user),
            ConnectionParameter("dbname", database),
        ]
    }

    /// A URI for psql and other libpq clients, e.g.
    /// `postgresql://postgres@/postgres?host=%2Fdev%2Fshm%2Fslipway-pg-a1B2c3&port=5432`.
    public var connectionURI: String {
        let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        let host = socketDirectory.addingPercentEncoding(withAllowedCharacters: unreserved) ?? socketDirectory
        return "postgresql://\(user)@/\(database)?host=\(host)&port=\(port)"
    }

    /// Stops the server at once (immediate shutdown) and removes the whole run directory.
    ///
    /// Calling it again, or after ``detach()``, does nothing.
    public func stop() {
        guard let watchdog = takeWatchdog(leaving: .stopped) else { return }
        // SIGQUIT is PostgreSQL's immediate shutdown: no checkpoint, which a throwaway cluster does not need.
        kill(serverProcessID, SIGQUIT)
        _ = Termination.wait(for: serverProcessID)
        Directories.remove(socketDirectory)
        watchdog.release()
    }

    /// Leaves the server running and its files in place after this process ends (for `--keep`).
    ///
    /// ``stop()`` then does nothing; the user stops the server with `pg_ctl stop -D <dataDirectory>`.
    public func detach() {
        takeWatchdog(leaving: .detached)?.dismiss()
    }

    /// The watchdog of a running server, moving to `next`; `nil` when the server was already stopped or detached.
    private func takeWatchdog(leaving next: State) -> Watchdog? {
        state.withLock { state in
            guard case .running(let watchdog) = state else { return nil }
            state = next
            return watchdog
        }
    }
}
