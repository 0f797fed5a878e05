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

    public init(role: String, password: String) throws {
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
