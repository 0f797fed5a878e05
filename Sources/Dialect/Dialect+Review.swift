/// What the review tools (`lint`, `dump`) can rely on, per dialect.
extension Dialect {
    /// Whether `CREATE INDEX CONCURRENTLY` exists, so a plain one that blocks writes is worth a lint warning.
    /// Redshift has no indexes at all (sort and distribution keys instead).
    public var buildsIndexesConcurrently: Bool { kind == .postgresql }

    /// Whether `pg_dump --schema-only` can dump the server; it cannot dump Redshift's PostgreSQL 8.0 catalog.
    public var supportsSchemaDump: Bool { kind == .postgresql }
}
