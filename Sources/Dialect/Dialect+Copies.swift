/// Copies of a database for parallel test workers.
extension Dialect {
    /// PostgreSQL clones a database from a template in one statement; Redshift cannot (and has no savepoints,
    /// so its tests run serially anyway).
    public var supportsDatabaseCopies: Bool { server == .postgresql && supportsSavepoints }

    /// - Parameter copyingFiles: copy the template's files instead of writing them through the WAL (PostgreSQL
    ///   15's default). Twice as fast for a small database on a server without fsync, but it checkpoints the
    ///   whole server twice, so only where that costs nothing: see ``skipsFsyncQuery``.
    public func copyDatabaseStatement(_ name: String, template: String, copyingFiles: Bool = false) -> String {
        "CREATE DATABASE \(quoteIdentifier(name)) TEMPLATE \(quoteIdentifier(template))"
            + (copyingFiles ? " STRATEGY FILE_COPY" : "")
    }

    public func dropDatabaseStatement(_ name: String) -> String {
        "DROP DATABASE IF EXISTS \(quoteIdentifier(name))"
    }

    /// The stem of this session's worker copies, `slipway_<backend pid>_<backend start, epoch seconds>`: the pair
    /// names a session uniquely, so a copy whose session has gone is known to be a dead run's.
    public var workerCopyStemQuery: String {
        "SELECT 'slipway_' || pid || '_' || extract(epoch FROM backend_start)::bigint FROM pg_stat_activity "
            + "WHERE pid = pg_backend_pid()"
    }

    /// The worker copies whose creating session no longer exists: left by a run that was killed.
    public var leftoverWorkerCopiesQuery: String {
        """
        SELECT d.datname FROM pg_database d WHERE d.datname ~ '^slipway_[0-9]+_[0-9]+_w[0-9]+$' AND NOT EXISTS (
          SELECT FROM pg_stat_activity a WHERE a.pid = split_part(d.datname, '_', 2)::int
            AND extract(epoch FROM a.backend_start)::bigint = split_part(d.datname, '_', 3)::bigint)
        """
    }

    /// Drops a dead run's copy, ending the sessions its workers may have left running (PostgreSQL 13+).
    public func dropLeftoverCopyStatement(_ name: String, serverVersion: Int) -> String {
        dropDatabaseStatement(name) + (serverVersion >= 130_000 ? " WITH (FORCE)" : "")
    }

    /// `on` when the server writes without fsync (the embedded server, or a test server started with
    /// `fsync=off`): there a checkpoint flushes nothing to disk, so copying files is the cheaper copy.
    public var skipsFsyncQuery: String { "SELECT current_setting('fsync') = 'off'" }

    /// How many other sessions are connected to database `$1`: a template must have none to be copied.
    public var sessionsOnDatabaseQuery: String { "SELECT count(*) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()" }
}
