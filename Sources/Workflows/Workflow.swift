import Configuration
import Diagnostics
import Dialect
import Foundation
import Migrations
import MigrationResults
import Migrator
import PostgresClient
import TargetDatabase

/// One command's run from start to end: settings → files → database → result. The command line calls one
/// method and prints what comes back; nothing here prints.
public final class Workflow {
    public let settings: Settings
    public let redactor: Redactor
    public let interruption = Interruption()
    /// Where problems that do not stop the run go while it runs (a connection retry); the command line prints them.
    public var notices: (Diagnostic) -> Void = { _ in }
    let invocation: Invocation
    /// The migrate-phase settings as typed values, parsed once before anything touches files or the database.
    let migratorOptions: MigratorOptions

    /// Loads and checks the settings; nothing touches the database yet.
    public init(_ invocation: Invocation) throws {
        self.invocation = invocation
        var loaded = try SettingsLoader.load(
            commandLine: invocation.commandLine, environment: invocation.environment,
            currentDirectory: invocation.currentDirectory,
            fetchSecret: Self.secretsManager(environment: invocation.environment, interruption: interruption))
        // --ephemeral ignores the configured database, so no temporary credentials are asked for.
        if !invocation.ephemeral {
            try Self.useRedshiftIAM(&loaded, environment: invocation.environment, interruption: interruption)
        }
        settings = loaded
        redactor = Redactor(secrets: settings.secrets)
        var options = try MigratorOptions(settings, workingDirectory: invocation.currentDirectory)
        options.s3Objects = Self.s3Objects(
            settings, workingDirectory: invocation.currentDirectory, environment: invocation.environment, interruption: interruption)
        migratorOptions = options
    }

    // MARK: migrate phase

    /// - Parameter dryRun: change nothing; the result's ``MigrateResult/dryRunScript`` holds the SQL instead.
    public func migrate(dryRun: Bool = false, events: @escaping (MigrationEvent) -> Void) throws -> MigrateResult {
        try requireConfiguredDatabase("migrate", dryRun: dryRun)
        return try withRelativePaths(events) { events in
            try withDiscoveryAndDatabase { discovered, database in
                discovered.warnings.forEach { events(.warning($0)) }
                return try migrator(database, dryRun: dryRun, events: events).migrate(discovered)
            }
        }
    }

    public func info() throws -> InfoResult {
        try withDiscoveryAndDatabase { discovered, database in
            try migrator(database, events: { _ in }).info(discovered, serverVersion: database.serverVersion)
        }
    }

    /// Every difference between files and history; empty means valid.
    public func validate() throws -> [Diagnostic] {
        try withDiscoveryAndDatabase { discovered, database in
            try migrator(database, events: { _ in }).validate(discovered).map(relativeToWorkingDirectory)
        }
    }

    public func baseline(events: @escaping (MigrationEvent) -> Void) throws -> String {
        try requireConfiguredDatabase("baseline")
        return try withRelativePaths(events) { events in
            try withDiscoveryAndDatabase { discovered, database in
                try migrator(database, events: events).baseline(discovered)
            }
        }
    }

    public func repair(forFlywayCommunity: Bool = false, events: @escaping (MigrationEvent) -> Void) throws
        -> RepairResult
    {
        try requireConfiguredDatabase("repair")
        return try withRelativePaths(events) { events in
            try withDiscoveryAndDatabase { discovered, database in
                try migrator(database, events: events).repair(discovered, forFlywayCommunity: forFlywayCommunity)
            }
        }
    }

    /// Told, once the database is open and before anything runs on it, a one-line description of it (for
    /// `--verbose`); never holds a password.
    public var databaseOpened: (String) -> Void = { _ in }

    // MARK: steps

    func discover() throws -> DiscoveredMigrations {
        try discovery()
    }

    /// Finding this run's migrations, as work another thread may do.
    var discovery: @Sendable () throws -> DiscoveredMigrations {
        let (locations, base, naming) = (settings.locations, invocation.currentDirectory, NamingOptions(settings))
        return { try MigrationDiscovery.discover(locations: locations, baseDirectory: base, naming: naming) }
    }

    /// Reads and checksums the migrations on another thread while the database opens: neither needs the other,
    /// and on a no-op run they are most of the time. A problem with the files is reported before one with the
    /// database, as when they ran one after the other.
    func withDiscoveryAndDatabase<T>(_ body: (DiscoveredMigrations, OpenedDatabase) throws -> T) throws -> T {
        let discovery = Concurrently(discovery)
        do {
            return try withDatabase { database in try body(discovery.value(), database) }
        } catch {
            _ = try discovery.value()
            throw error
        }
    }

    func withDatabase<T>(_ body: (OpenedDatabase) throws -> T) throws -> T {
        let database = try openDatabase()
        defer { database.close() }
        databaseOpened("\(database.display), \(database.dialect.displayName(serverVersion: database.serverVersion)): \(database.serverVersion)")
        if invocation.keep, let server = database.embedded {
            keptServer = """
                Connect with:  psql '\(server.connectionURI)'
                Stop it with:  kill -INT "$(head -1 \(server.dataDirectory)/postmaster.pid)"; rm -rf \(server.socketDirectory)
                """
        }
        return try body(database)
    }

    /// When `--keep` left the embedded server running: how to connect to it and how to stop it.
    public private(set) var keptServer: String?

    func migrator(
        _ database: OpenedDatabase, dryRun: Bool = false, events: @escaping (MigrationEvent) -> Void
    ) -> Migrator {
        migrator(on: database.connection, dialect: database.dialect, dryRun: dryRun, events: events)
    }

    /// A migrator for another session of the run's server (a copy of the database).
    func migrator(
        on connection: Connection, dialect: Dialect, dryRun: Bool = false, events: @escaping (MigrationEvent) -> Void
    ) -> Migrator {
        var options = migratorOptions
        options.dryRun = dryRun
        return Migrator(
            connection: connection, dialect: dialect, options: options,
            isInterrupted: { [interruption] in interruption.isInterrupted }, events: events)
    }
}
