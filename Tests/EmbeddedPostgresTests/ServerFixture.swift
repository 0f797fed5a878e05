import EmbeddedPostgres
import Foundation
import PostgresClient

/// Shared set-up for the embedded server tests.
enum ServerFixture {
    static func binaries() throws -> PostgresBinaries {
        try PostgresBinaries.locate(environment: ProcessInfo.processInfo.environment)
    }

    /// Options with the default cache, running servers under `runParent` when given.
    static func options(runParent: String? = nil, cacheDirectory: String? = nil) throws -> EmbeddedServer.Options {
        EmbeddedServer.Options(binaries: try binaries(), cacheDirectory: cacheDirectory, runParent: runParent)
    }

    /// A new empty directory under the temporary directory, for a cache or a run parent.
    static func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("slipway-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        // World-searchable, so the unprivileged account that runs the server (when we are root) can reach it.
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    /// The single value of `select <expression>` on a fresh connection.
    static func selectValue(_ expression: String, on server: EmbeddedServer) throws -> String? {
        let connection = try Connection(parameters: server.connectionParameters)
        defer { connection.close() }
        return try connection.execute("select \(expression)").rows.first?.first ?? nil
    }

    /// A TCP port on 127.0.0.1 that was free a moment ago (the kernel picks it).
    static func freeTCPPort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(descriptor, generic, length) == 0 && getsockname(descriptor, generic, &length) == 0
            }
        }
        guard bound else { throw FixtureError(message: "could not bind a TCP socket on 127.0.0.1") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Seconds elapsed while running `body`.
    static func measure<T>(_ body: () throws -> T) rethrows -> (T, Double) {
        let start = ContinuousClock.now
        let value = try body()
        let elapsed = ContinuousClock.now - start
        return (value, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
}

/// A test set-up step that failed.
struct FixtureError: Error {
    var message: String
}
