import Diagnostics
import Foundation
import PostgresClient

extension EmbeddedServer {
    /// Starts a server from a copy of the cached template (made with `initdb` on first use) and returns once it
    /// accepts connections.
    ///
    /// - Throws: a `.connection` diagnostic when `initdb` or the server fails, with the last lines of its output.
    public static func start(_ options: Options) throws(Diagnostic) -> EmbeddedServer {
        let account = try RunAccount.forCurrentProcess()
        let template = try TemplateCache(directory: "\(options.cacheDirectory)/templates")
            .template(for: options.binaries, account: account, scratchParent: options.runParent)
        let runDirectory = try Directories.makePrivate(in: options.runParent, prefix: "slipway-pg-")
        let watchdog: Watchdog
        do {
            watchdog = try Watchdog.start(runDirectory: runDirectory, dataDirectory: "\(runDirectory)/data")
        } catch {
            Directories.remove(runDirectory)
            throw error
        }
        let port = options.tcpPort ?? 5432
        let processID: pid_t
        do {
            try Directories.copyTree(template, to: "\(runDirectory)/data")
            try account.take(runDirectory)
            var postgres = account.command(
                options.binaries.path(of: "postgres"), serverArguments(options, runDirectory: runDirectory, port: port))
            postgres.output = .appendingTo(path: "\(runDirectory)/server.log")
            postgres.ownProcessGroup = true
            processID = try postgres.spawn()
        } catch {
            watchdog.release()
            throw error
        }
        watchdog.watch(serverProcessID: processID)
        let server = EmbeddedServer(
            runDirectory: runDirectory, port: port, serverProcessID: processID, watchdog: watchdog)
        do {
            try server.waitUntilReady()
        } catch {
            server.stop()
            throw error
        }
        return server
    }

    /// The `postgres` command line: settings for a fast, private, throwaway server, then the caller's.
    private static func serverArguments(_ options: Options, runDirectory: String, port: Int) -> [String] {
        let settings = [
            ("listen_addresses", options.tcpPort == nil ? "" : "localhost"),
            ("fsync", "off"),
            ("synchronous_commit", "off"),
            ("full_page_writes", "off"),
            ("max_connections", "100"),
        ] + preloads(options.binaries) + options.extraSettings.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        return ["-D", "\(runDirectory)/data", "-k", runDirectory, "-p", String(port)]
            + settings.flatMap { ["-c", "\($0.0)=\($0.1)"] }
    }

    /// plpgsql_check loaded at start when installed: its profiler then counts in shared memory, so a test run's
    /// workers add up to one profile (plpgsql must come first, as plpgsql_check needs it).
    private static func preloads(_ binaries: PostgresBinaries) -> [(String, String)] {
        binaries.hasPlpgsqlCheck ? [("shared_preload_libraries", "plpgsql,plpgsql_check")] : []
    }

    /// Returns at the first successful connection; throws when the server exits or 60 seconds pass first.
    private func waitUntilReady() throws(Diagnostic) {
        let deadline = ContinuousClock.now + .seconds(60)
        while true {
            if let termination = Termination.poll(serverProcessID) {
                throw startFailure("the embedded PostgreSQL server exited during startup (\(termination.summary))")
            }
            if let connection = try? Connection(parameters: connectionParameters) {
                connection.close()
                return
            }
            guard ContinuousClock.now < deadline else {
                throw startFailure("the embedded PostgreSQL server did not accept connections within 60 seconds")
            }
            // Short pause between attempts; startup itself takes tens of milliseconds.
            usleep(2_000)
        }
    }

    /// A start failure with the server log's last lines, read before the run directory is removed.
    private func startFailure(_ message: String) -> Diagnostic {
        let log = (try? String(contentsOfFile: "\(socketDirectory)/server.log", encoding: .utf8)) ?? ""
        return .embeddedServer(
            message,
            notes: log.split(separator: "\n").suffix(10).map { "log: \($0)" },
            hint: "fix the problem the log shows (e.g. a bad extra setting), or set SLIPWAY_PG_BIN to another server"
        )
    }
}
