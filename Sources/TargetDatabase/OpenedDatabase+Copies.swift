import Diagnostics
import Foundation
import PostgresClient

extension OpenedDatabase {
    /// Another session like ``connection`` but to database `name` on the same server, with the same session
    /// settings (timeouts, the vanished-client check); safe to call on any thread (the connection then belongs to
    /// that thread).
    public func connector(toDatabase name: String) -> @Sendable () throws -> Connection {
        let parameters = connectionParameters.filter { $0.key != "dbname" } + [ConnectionParameter("dbname", name)]
        return { [interruption, sessionSetup] in
            let connection = try Connection(parameters: parameters) { interruption.isInterrupted }
            if !sessionSetup.isEmpty { try connection.execute(sessionSetup) }
            return connection
        }
    }

    /// Names `count` databases for parallel test workers: the connected one, then copies of it as it is now;
    /// runs `body` with the names, then drops the copies (also when `body` throws).
    ///
    /// The first worker uses the original, as a serial run would: each copy costs a CREATE and a DROP. PostgreSQL
    /// copies a database from a template only while no other session uses it; ours is idle then, and the workers
    /// connect only afterwards. Where the server does not fsync (the embedded one, or a test server), copies are
    /// made by copying files; on the embedded server, which is removed afterwards, they are not dropped (unless
    /// `--keep` leaves it for someone to look at).
    public func withWorkerDatabases<T>(_ count: Int, _ body: ([String]) throws -> T) throws -> T {
        let source = connection.database
        let privateServer = embedded != nil
        if !privateServer, count > 1 { removeLeftoverCopies() }
        let stem = (try? connection.execute(dialect.workerCopyStemQuery).rows.first?.first ?? nil)
            ?? "slipway_\(UInt32.random(in: 0...UInt32.max))"
        var created: [String] = []
        defer {
            if !privateServer || keep {
                for name in created { _ = try? connection.execute(dialect.dropDatabaseStatement(name)) }
            }
        }
        let copyingFiles = count > 1 && copiesByFiles
        for index in 1..<max(1, count) {
            let name = "\(stem)_w\(index)"
            do {
                try connection.execute(dialect.copyDatabaseStatement(name, template: source, copyingFiles: copyingFiles))
            } catch {
                throw Diagnostic(
                    category: .connection, code: "copy-database",
                    message: "could not copy database \(source) for parallel test workers: \(error)",
                    hint: "grant CREATEDB to this user and close other sessions on \(source), or run with --jobs 1")
            }
            created.append(name)
        }
        return try body([source] + created)
    }

    /// Whether copying a database's files is the cheaper copy: PostgreSQL 15's `STRATEGY FILE_COPY`, where the
    /// server does not fsync (the embedded one, or a test server).
    var copiesByFiles: Bool {
        connection.serverVersionNumber >= 150_000
            && (embedded != nil || (try? connection.execute(dialect.skipsFsyncQuery).rows.first?.first) == "t")
    }

    /// Drops the copies of runs that were killed (their creating session is gone), so they neither pile up nor
    /// keep workers' statements running. One that cannot be dropped (another owner's) is left: names never clash.
    private func removeLeftoverCopies() {
        let leftovers = (try? connection.execute(dialect.leftoverWorkerCopiesQuery).rows) ?? []
        for name in leftovers.compactMap({ $0.first ?? nil }) {
            _ = try? connection.execute(
                dialect.dropLeftoverCopyStatement(name, serverVersion: connection.serverVersionNumber))
        }
    }
}
