import Foundation
import SQLScanner

/// Everything Slipway does differently on Amazon Redshift and PostgreSQL, in one place.
///
/// A dialect is chosen once, when the connection opens (``Dialect/resolve(forced:redshiftURL:versionString:)``),
/// and then passed as a value; no other module asks "is this Redshift?".
///
/// It has two halves. The *behaviours* (``kind``: locking, fixture loading, isolation, which statements run
/// outside a transaction, which commit implicitly) can be forced with `--dialect`, so Redshift's behaviours are
/// testable on PostgreSQL. The *syntax* (``server``: history DDL, catalog columns, the `${slipway:...}`
/// placeholders) always follows the server that really answers, so a PostgreSQL never receives `SORTKEY`.
public struct Dialect: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        case postgresql, redshift
    }

    /// Whose behaviours Slipway follows.
    public let kind: Kind
    /// Which product the server is, as its `version()` says; decides the SQL syntax Slipway emits.
    public let server: Kind

    public static let postgresql = Dialect(kind: .postgresql)
    public static let redshift = Dialect(kind: .redshift)

    /// - Parameter server: the server's product; by default the same as `kind`.
    public init(kind: Kind, server: Kind? = nil) {
        self.kind = kind
        self.server = server ?? kind
    }

    /// Redshift reports itself as `PostgreSQL 8.0.2 on i686-pc-linux-gnu, ... Redshift 1.0.NNNNN`.
    public static func detect(versionString: String) -> Dialect {
        versionString.range(of: "Redshift", options: .caseInsensitive) != nil ? .redshift : .postgresql
    }

    /// The dialect for a connection: the server's syntax from its version string; the behaviours forced by
    /// configuration, else Redshift's for a Redshift URL or host, else the server's.
    public static func resolve(forced: Kind?, redshiftURL: Bool, versionString: String) -> Dialect {
        let server = detect(versionString: versionString).server
        return Dialect(kind: forced ?? (redshiftURL ? .redshift : server), server: server)
    }

    /// For display: `redshift`, or `redshift behaviours on a postgresql server` when they differ.
    public var name: String {
        kind == server ? kind.rawValue : "\(kind.rawValue) behaviours on a \(server.rawValue) server"
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

    /// The name a configured schema or table has in the catalog. Redshift folds even quoted identifiers to lower
    /// case unless enable_case_sensitive_identifier is on (docs.aws.amazon.com/redshift/latest/dg/r_names.html),
    /// so `"Flyway_History"` is stored as `flyway_history`, and looking for the configured spelling would miss it.
    public func catalogName(_ name: String) -> String {
        kind == .redshift ? name.lowercased() : name
    }

    public func quoteIdentifier(_ name: String) -> String {
        // Foundation's replacingOccurrences costs thousands of instructions even with nothing to replace, and
        // this runs for every history row written.
        guard name.utf8.contains(UInt8(ascii: "\"")) else { return "\"" + name + "\"" }
        return "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A string literal for SQL text; used only for values Slipway itself controls (names, descriptions).
    ///
    /// On PostgreSQL a value with a backslash is written as an escape string (`E'a\\b'`), which reads the same
    /// whatever the session's `standard_conforming_strings`: a plain `'a\b'` would lose its backslash, or end
    /// early, when the setting is off.
    public func quoteLiteral(_ value: String) -> String {
        let quoted = value.replacingOccurrences(of: "'", with: "''")
        guard server == .postgresql, value.utf8.contains(UInt8(ascii: "\\")) else { return "'" + quoted + "'" }
        return "E'" + quoted.replacingOccurrences(of: "\\", with: "\\\\") + "'"
    }
}
