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

    /// `on` when the server writes without fsync (the embedded server, or a test server started with
    /// `fsync=off`): there a checkpoint flushes nothing to disk, so copying files is the cheaper copy.
    public var skipsFsyncQuery: String { "SELECT current_setting('fsync') = 'off'" }
}
