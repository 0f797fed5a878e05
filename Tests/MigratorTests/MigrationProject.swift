import Dialect
import Diagnostics
import Foundation
import Migrations
import MigrationResults
import Migrator
import PostgresClient
import Testing
import TestSupport

/// A throwaway migrations folder and a fresh database on the shared test server.
final class MigrationProject {
    let directory: String
    let database: String
    let connection: Connection
    var options = MigratorOptions()
    private(set) var events: [MigrationEvent] = []

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("slipway-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory + "/db/migration", withIntermediateDirectories: true)
        database = try TestServer.createDatabase(prefix: "migrate")
        connection = try TestServer.connect(database: database)
        options.workingDirectory = directory
    }

    deinit {
        connection.close()
        try? FileManager.default.removeItem(atPath: directory)
    }

    func write(_ name: String, _ text: String) throws {
        try text.write(toFile: "\(directory)/db/migration/\(name)", atomically: true, encoding: .utf8)
    }

    func remove(_ name: String) throws {
        try FileManager.default.removeItem(atPath: "\(directory)/db/migration/\(name)")
    }

    func discovered() throws -> DiscoveredMigrations {
        try MigrationDiscovery.discover(locations: ["db/migration"], baseDirectory: directory)
    }

    func migrator(on connection: Connection? = nil) -> Migrator {
        Migrator(
            connection: connection ?? self.connection, dialect: .postgresql, options: options,
            events: { [weak self] in self?.events.append($0) })
    }

    @discardableResult
    func migrate() throws -> MigrateResult {
        try migrator().migrate(discovered())
    }

    /// The history rows as text, without the columns that vary between runs (installed_on, execution_time).
    func history() throws -> [[String?]] {
        try connection.execute("""
            SELECT installed_rank, version, description, type, script, checksum, installed_by, success
            FROM flyway_schema_history ORDER BY installed_rank
            """).rows
    }

    func value(_ sql: String) throws -> String? {
        try connection.execute(sql).rows.first?.first ?? nil
    }
}

/// The diagnostics an error carries, whether it was thrown alone or as a list.
func diagnostics(of error: any Error) -> [Diagnostic] {
    switch error {
    case let diagnostic as Diagnostic: return [diagnostic]
    case let list as DiagnosticList: return list.diagnostics
    default: return []
    }
}

/// The first diagnostic of the error `body` throws; records an issue when it throws none.
func firstDiagnostic(_ body: () throws -> Void, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Diagnostic? {
    guard let error = caught(body) else {
        Issue.record("expected an error", sourceLocation: sourceLocation)
        return nil
    }
    return diagnostics(of: error).first
}

/// The error `body` throws, or nil.
func caught(_ body: () throws -> Void) -> (any Error)? {
    do {
        try body()
        return nil
    } catch {
        return error
    }
}
