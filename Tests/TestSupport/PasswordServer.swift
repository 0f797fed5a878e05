import EmbeddedPostgres
import Foundation
import PostgresClient

/// A second embedded PostgreSQL that listens on TCP at localhost and demands passwords (SCRAM), with one login
/// role; the shared test server trusts every local connection, so it cannot tell a wrong password.
public final class PasswordServer: Sendable {
    public let port: Int
    private let server: EmbeddedServer
    /// Holds the server's pg_hba.conf.
    private let directory: String

    /// With `ssl`, the server also offers TLS with a throw-away self-signed certificate, as `sslmode=require` (the
    /// default of `jdbc:redshift:` URLs) needs; nothing checks the certificate at that mode.
    public init(role: String, password: String, ssl: Bool = false) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("slipway-hba-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let hba = directory + "/pg_hba.conf"
        try """
            local all all trust
            host all all 127.0.0.1/32 scram-sha-256
            host all all ::1/128 scram-sha-256
            """.write(toFile: hba, atomically: true, encoding: .utf8)
        // The server runs as another account (when tests run as root): it must be able to read the file.
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: hba)
        let binaries = try PostgresBinaries.locate(environment: ProcessInfo.processInfo.environment)
        var attempt = 0
        while true {
            // A port nobody uses is found by trying: the server fails to start on a taken one.
            let candidate = Int.random(in: 20_000...60_000)
            do {
                server = try EmbeddedServer.start(EmbeddedServer.Options(
                    binaries: binaries, tcpPort: candidate,
                    extraSettings: ["hba_file": hba, "password_encryption": "scram-sha-256"]))
                port = candidate
                break
            } catch {
                attempt += 1
                if attempt == 5 { throw error }
            }
        }
        let admin = try Connection(parameters: server.connectionParameters)
        defer { admin.close() }
        let quoted = password.replacingOccurrences(of: "'", with: "''")
        try admin.execute("CREATE ROLE \(role) LOGIN SUPERUSER PASSWORD '\(quoted)'")
        if ssl { try Self.enableSSL(admin, parameters: server.connectionParameters) }
    }

    /// Puts server.crt and server.key (the defaults' names) into the data directory, owned like it, and reloads.
    private static func enableSSL(_ admin: Connection, parameters: [ConnectionParameter]) throws {
        guard let dataDirectory = try admin.execute("SHOW data_directory").rows.first?.first ?? nil else {
            throw PasswordServerError.noDataDirectory
        }
        let made = try OutsideTool.run("/usr/bin/openssl", [
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
            "-keyout", dataDirectory + "/server.key", "-out", dataDirectory + "/server.crt",
        ])
        guard made.status == 0 else { throw PasswordServerError.tool(made.output) }
        let owned = try OutsideTool.run("/usr/bin/chown", [
            "--reference=" + dataDirectory, dataDirectory + "/server.key", dataDirectory + "/server.crt",
        ])
        guard owned.status == 0 else { throw PasswordServerError.tool(owned.output) }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: dataDirectory + "/server.key")
        _ = try admin.execute("ALTER SYSTEM SET ssl = on")
        _ = try admin.execute("SELECT pg_reload_conf()")
        // The postmaster applies the reload asynchronously; new sessions see it once it has.
        for _ in 0..<200 {
            let probe = try Connection(parameters: parameters)
            defer { probe.close() }
            if try probe.execute("SHOW ssl").rows.first?.first == "on" { return }
            usleep(10_000)
        }
        throw PasswordServerError.tool("the server did not turn ssl on within 2 s of pg_reload_conf()")
    }

    deinit {
        server.stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Creates an empty database with a unique name and returns the name.
    public func createDatabase() throws -> String {
        let name = "p_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))"
        let admin = try Connection(parameters: server.connectionParameters)
        defer { admin.close() }
        try admin.execute("CREATE DATABASE \(name)")
        return name
    }
}

enum PasswordServerError: Error, CustomStringConvertible {
    case noDataDirectory
    case tool(String)

    var description: String {
        switch self {
        case .noDataDirectory: "SHOW data_directory returned no row"
        case .tool(let output): output
        }
    }
}
