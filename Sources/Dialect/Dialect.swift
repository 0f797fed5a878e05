import Foundation
import SQLScanner

/// Everything Slipway does differently on Amazon Redshift and PostgreSQL, in one place.
///
/// A dialect is chosen once, when the connection opens (``Dialect/detect(versionString:)`` or forced by
/// configuration), and then passed as a value; no other module asks "is this Redshift?".
public struct Dialect: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        case postgresql, redshift
    }

    public let kind: Kind

    public static let postgresql = Dialect(kind: .postgresql)
    public static let redshift = Dialect(kind: .redshift)

    public init(kind: Kind) {
        self.kind = kind
    }

    /// Redshift reports itself as `PostgreSQL 8.0.2 on i686-pc-linux-gnu, ... Redshift 1.0.NNNNN`.
    public static func detect(versionString: String) -> Dialect {
        versionString.range(of: "Redshift", options: .caseInsensitive) != nil ? .redshift : .postgresql
    }

    /// How migrate keeps two runs (Slipway's or Flyway's) from applying the same migration.
    public enum LockStrategy: Sendable, Equatable {
        /// A session-level advisory lock with Flyway's key, held on the migrating connection. Session level, not
        /// transaction level, so that `CREATE INDEX CONCURRENTLY` never waits on our own open transaction.
        case advisory(key: Int64)
        /// Redshift has no advisory locks: each migration's transaction locks the history table first, as Flyway
        /// does with `DELETE ... WHERE FALSE`.
        case historyTableLock(statement: String)
    }

    public func lockStrategy(schema: String, table: String) -> LockStrategy {
        switch kind {
        case .postgresql:
            return .advisory(key: Self.flywayLockKey(qualifiedTable: qualified(schema: schema, table: table)))
        case .redshift:
            return .historyTableLock(statement: "LOCK \(qualified(schema: schema, table: table))")
        }
    }

    /// Flyway's advisory-lock key: `0x466C79776179` ("Flyway") plus Java's `String.hashCode()` of the quoted
    /// table name, so that Slipway and Flyway exclude each other.
    public static func flywayLockKey(qualifiedTable: String) -> Int64 {
        var hash: Int32 = 0
        for unit in qualifiedTable.utf16 {
            hash = hash &* 31 &+ Int32(unit)
        }
        return 0x466C_7977_6179 + Int64(hash)
    }

    /// `"schema"."table"` with identifiers quoted the way Flyway quotes them.
    public func qualified(schema: String, table: String) -> String {
        "\(quoteIdentifier(schema)).\(quoteIdentifier(table))"
    }

    public func quoteIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A string literal for SQL text; used only for values Slipway itself controls (names, descriptions).
    public func quoteLiteral(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
    }
}
