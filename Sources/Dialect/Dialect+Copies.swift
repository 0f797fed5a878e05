/// Copies of a database for parallel test workers.
extension Dialect {
    /// PostgreSQL clones a database from a template in one statement; Redshift cannot (and has no savepoints,
    /// so its tests run serially anyway).
    public var supportsDatabaseCopies: Bool { server == .postgresql && supportsSavepoints }

    public func copyDatabaseStatement(_ name: String, template: String) -> String {
        "CREATE DATABASE \(quoteIdentifier(name)) TEMPLATE \(quoteIdentifier(template))"
    }

    public func dropDatabaseStatement(_ name: String) -> String {
        "DROP DATABASE IF EXISTS \(quoteIdentifier(name))"
    }
}
