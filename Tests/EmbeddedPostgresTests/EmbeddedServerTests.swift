import Diagnostics
import Foundation
import PostgresClient
import Synchronization
import Testing

@testable import EmbeddedPostgres

@Suite struct EmbeddedServerTests {
    @Test("a started server answers select 1, and stop removes its directory and ends it")
    func startQueryStop() throws {
        let server = try EmbeddedServer.start(try ServerFixture.options())
        let parameters = server.connectionParameters
        #expect(try ServerFixture.selectValue("1", on: server) == "1")
        #expect(try ServerFixture.selectValue("current_user", on: server) == "postgres")
        #expect(FileManager.default.fileExists(atPath: "\(server.dataDirectory)/PG_VERSION"))
        server.stop()
        server.stop()
        #expect(!FileManager.default.fileExists(atPath: server.socketDirectory))
        #expect(kill(server.serverProcessID, 0) == -1)
        #expect(throws: PostgresError.self) { try Connection(parameters: parameters) }
    }

    @Test("the server runs with the settings of a throwaway cluster")
    func throwawaySettings() throws {
        let server = try EmbeddedServer.start(try ServerFixture.options())
        defer { server.stop() }
        let connection = try Connection(parameters: server.connectionParameters)
        let settings = try connection.execute(
            """
            select name, setting from pg_settings
            where name in ('fsync', 'synchronous_commit', 'full_page_writes', 'listen_addresses', 'max_connections',
                           'server_encoding')
            order by name
            """
        ).rows
        #expect(settings == [
            ["fsync", "off"], ["full_page_writes", "off"], ["listen_addresses", ""],
            ["max_connections", "100"], ["server_encoding", "UTF8"], ["synchronous_commit", "off"],
        ])
        // From PostgreSQL 16 the collation is only a database property (no lc_collate setting).
        #expect(try connection.execute("select datcollate from pg_database where datname = current_database()").rows
            == [["C"]])
        let mode = try FileManager.default.attributesOfItem(atPath: server.socketDirectory)[.posixPermissions] as? Int
        #expect(mode == 0o700)
    }

    @Test("two servers run at once, each with its own data")
    func twoServersAtOnce() throws {
        let first = try EmbeddedServer.start(try ServerFixture.options())
        defer { first.stop() }
        let second = try EmbeddedServer.start(try ServerFixture.options())
        defer { second.stop() }
        #expect(first.socketDirectory != second.socketDirectory)
        let connection = try Connection(parameters: first.connectionParameters)
        try connection.execute("create table only_in_first (id int)")
        #expect(try ServerFixture.selectValue("to_regclass('only_in_first')::text", on: first) == "only_in_first")
        #expect(try ServerFixture.selectValue("to_regclass('only_in_first')::text", on: second) == nil)
    }

    @Test("a cold start runs initdb into the cache, a warm start copies the template")
    func coldThenWarmStart() throws {
        let cache = try ServerFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: cache) }
        let options = try ServerFixture.options(cacheDirectory: cache)
        let (cold, coldSeconds) = try ServerFixture.measure { try EmbeddedServer.start(options) }
        cold.stop()
        let template = "\(cache)/templates/" + (try FileManager.default.contentsOfDirectory(atPath: "\(cache)/templates")[0])
        #expect(FileManager.default.fileExists(atPath: "\(template)/PG_VERSION"))
        let (warm, warmSeconds) = try ServerFixture.measure { try EmbeddedServer.start(options) }
        defer { warm.stop() }
        #expect(try ServerFixture.selectValue("1", on: warm) == "1")
        print("embedded start: cold \(coldSeconds) s, warm \(warmSeconds) s")
    }

    @Test("two cold starts racing on an empty cache both succeed and leave one template")
    func racingColdStarts() throws {
        let cache = try ServerFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: cache) }
        let options = try ServerFixture.options(cacheDirectory: cache)
        let results = Mutex<[Result<String?, any Error>]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            let result = Result { () throws -> String? in
                let server = try EmbeddedServer.start(options)
                defer { server.stop() }
                return try ServerFixture.selectValue("1", on: server)
            }
            results.withLock { $0.append(result) }
        }
        let values = try results.withLock { try $0.map { try $0.get() } }
        #expect(values == ["1", "1"])
        let entries = try FileManager.default.contentsOfDirectory(atPath: "\(cache)/templates")
        #expect(entries.count == 1 && entries[0].hasPrefix("pg-\(options.binaries.version)"))
    }

    @Test("with a TCP port the server also listens on localhost")
    func tcpPort() throws {
        var options = try ServerFixture.options()
        options.tcpPort = try ServerFixture.freeTCPPort()
        let server = try EmbeddedServer.start(options)
        defer { server.stop() }
        #expect(server.port == options.tcpPort)
        let connection = try Connection(parameters: [
            ConnectionParameter("host", "127.0.0.1"), ConnectionParameter("port", String(server.port)),
            ConnectionParameter("user", server.user), ConnectionParameter("dbname", server.database),
        ])
        #expect(try connection.execute("select inet_server_addr()::text").rows == [["127.0.0.1/32"]])
    }

    @Test("the connection URI reaches the server")
    func connectionURI() throws {
        let server = try EmbeddedServer.start(try ServerFixture.options())
        defer { server.stop() }
        #expect(server.connectionURI.hasPrefix("postgresql://postgres@/postgres?host=%2F"))
        let connection = try Connection(conninfo: server.connectionURI)
        #expect(connection.user == "postgres")
        #expect(connection.database == "postgres")
    }

    @Test("a server that cannot start is a connection diagnostic with the log and leaves nothing behind")
    func startFailureReportsLog() throws {
        let runParent = try ServerFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: runParent) }
        var options = try ServerFixture.options(runParent: runParent)
        options.extraSettings = ["shared_buffers": "plenty"]
        let error = #expect(throws: Diagnostic.self) { try EmbeddedServer.start(options) }
        #expect(error?.category == .connection)
        #expect(error?.notes.contains { $0.contains("shared_buffers") } == true, "\(String(describing: error))")
        #expect(error?.hint != nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: runParent) == [])
    }

    @Test("a detached server keeps running after stop")
    func detachKeepsServer() throws {
        let server = try EmbeddedServer.start(try ServerFixture.options())
        server.detach()
        server.stop()
        #expect(try ServerFixture.selectValue("1", on: server) == "1")
        // Clean up by hand, as a user of --keep would.
        kill(server.serverProcessID, SIGQUIT)
        _ = Termination.wait(for: server.serverProcessID)
        try FileManager.default.removeItem(atPath: server.socketDirectory)
    }
}
