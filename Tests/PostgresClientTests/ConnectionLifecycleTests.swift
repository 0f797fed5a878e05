import Foundation
import PostgresClient
import Testing
import TestSupport

@Suite struct ConnectionLifecycleTests {
    @Test("a canceller stops a running statement from another thread")
    func cancelFromAnotherThread() throws {
        let connection = try connectToSharedServer()
        let canceller = connection.makeCanceller()
        let backend = connection.backendPID
        let watcherParameters = try TestServer.shared.get().connectionParameters
        Thread {
            // Cancel once the statement is really running, as seen by the server.
            guard let watcher = try? Connection(parameters: watcherParameters) else { return }
            for _ in 0..<10_000 {
                let running = try? watcher.execute(
                    "select 1 from pg_stat_activity where pid = $1 and query like '%pg_sleep%' and state = 'active'",
                    parameters: [String(backend)])
                if running?.rows.isEmpty == false { break }
            }
            canceller.cancel()
        }.start()
        let start = ContinuousClock.now
        let error = postgresError { try connection.execute("select pg_sleep(30)") }
        #expect(ContinuousClock.now - start < .seconds(10))
        #expect(error?.serverMessage?.sqlstate == "57014")
        #expect(try connection.execute("select 1").rows == [["1"]])
    }

    @Test("a terminated backend is reported as a lost connection")
    func connectionLost() throws {
        let victim = try connectToSharedServer()
        let killer = try connectToSharedServer()
        let terminated = try killer.execute(
            "select pg_terminate_backend($1, 10000)", parameters: [String(victim.backendPID)])
        #expect(terminated.rows == [["t"]])
        let error = postgresError { try victim.execute("select 1") }
        guard case .connectionLost(let text) = error else {
            Issue.record("expected connectionLost, got \(String(describing: error))")
            return
        }
        #expect(!text.isEmpty)
        #expect(victim.transactionStatus == .unknown)
    }

    @Test("a socket directory that does not exist fails to connect with libpq's reason")
    func connectionFailed() {
        let error = postgresError {
            _ = try Connection(parameters: [
                ConnectionParameter("host", "/nonexistent/slipway"), ConnectionParameter("user", "postgres"),
            ])
        }
        guard case .connectionFailed(let text) = error else {
            Issue.record("expected connectionFailed, got \(String(describing: error))")
            return
        }
        #expect(text.contains("/nonexistent/slipway/.s.PGSQL.5432"))
        #expect(text.contains("No such file or directory"))
        #expect(text == text.trimmingCharacters(in: CharacterSet.whitespacesAndNewlines))
    }

    @Test("no error message contains the password", arguments: [
        "host=/nonexistent/slipway password=hunter2-secret",
        "postgresql://postgres:hunter2-secret@/postgres?host=/nonexistent/slipway&bad_option=1",
        "host=/nonexistent password=hunter2 secret",
    ])
    func passwordNeverShown(conninfo: String) {
        let error = postgresError { _ = try Connection(conninfo: conninfo) }
        guard case .connectionFailed(let text) = error else {
            Issue.record("expected connectionFailed, got \(String(describing: error))")
            return
        }
        #expect(!text.isEmpty)
        #expect(!text.contains("hunter2"))
        #expect(!text.contains("secret"))
    }

    @Test("a password given as a parameter is never shown")
    func passwordParameterNeverShown() {
        let error = postgresError {
            _ = try Connection(parameters: [
                ConnectionParameter("host", "/nonexistent/hunter2"), ConnectionParameter("password", "hunter2"),
            ])
        }
        #expect(error != nil)
        #expect(error?.description.contains("hunter2") == false)
    }

    @Test("key=value and URI connection strings both connect")
    func conninfoForms() throws {
        let server = try TestServer.shared.get()
        let keyValue = try Connection(conninfo: "host='\(server.socketDirectory)' port=\(server.port) user=postgres")
        #expect(try keyValue.execute("select current_user").rows == [["postgres"]])
        let uri = try Connection(conninfo: server.connectionURI)
        #expect(try uri.execute("select current_database()").rows == [["postgres"]])
    }
}
