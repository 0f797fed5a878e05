extension Dialect {
    /// Whether `CREATE INDEX CONCURRENTLY` exists, so a plain one that blocks writes is worth a lint warning.
    /// Redshift has no indexes at all (sort and distribution keys instead).
    public var buildsIndexesConcurrently: Bool { kind == .postgresql }
}
