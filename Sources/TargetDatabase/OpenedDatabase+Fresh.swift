import Diagnostics
import Foundation
import PostgresClient
import RedshiftEmulation

extension OpenedDatabase {
    /// Runs `body` on a new, empty database of its own on this server (a data-migration spec's), with the emulated
    /// Redshift's functions where the run emulates it; drops the database afterwards, also when `body` throws.
    ///
    /// - Parameter index: tells this run's fresh databases apart (0, 1, ...).
    public func withFreshDatabase<T>(_ index: Int, _ body: (Connection) throws -> T) throws -> T {
        let stem = (try? connection.execute(dialect.workerCopyStemQuery).rows.first?.first ?? nil)
            ?? "slipway_\(UInt32.random(in: 0...UInt32.max))"
        // In the worker copies' name pattern, above any worker count: a killed run's database is then dropped by
        // the next `--jobs` run, as its copies are.
        let name = "\(stem)_w\(100_000 + index)"
        do {
            // From template1 (on the embedded server it holds the emulated Redshift's functions); copying its files
            // costs a fraction of writing it through the WAL.
            try connection.execute("CREATE DATABASE \(dialect.quoteIdentifier(name))" + (copiesByFiles ? " STRATEGY FILE_COPY" : ""))
        } catch {
            throw Diagnostic(
                category: .connection, code: "create-database",
                message: "could not create a database for a data-migration spec: \(error)",
                hint: "grant CREATEDB to this user, or run data-migration specs on the embedded server (no database configured)")
        }
        // The embedded server goes with its databases (unless `--keep` leaves it for someone to look at).
        defer { if embedded == nil || keep { _ = try? connection.execute(dialect.dropDatabaseStatement(name)) } }
        let fresh = try connector(toDatabase: name)()
        defer { fresh.close() }
        if dialect.emulatesRedshift, try fresh.execute(RedshiftFunctions.installedQuery).rows.isEmpty {
            try fresh.executeScript(RedshiftFunctions.script)
        }
        return try body(fresh)
    }
}
