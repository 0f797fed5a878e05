/// Which database Slipway talks to; decides history DDL, locking and transactional rules.
public enum DatabaseDialect: String, Sendable, Equatable, CaseIterable {
    case postgresql
    case redshift
}
