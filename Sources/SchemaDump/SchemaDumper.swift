import Diagnostics
import Foundation

/// Writes a database's schema as SQL with `pg_dump --schema-only`, in a form that only changes when the
/// schema does, so reviews can diff it next to the migrations.
public enum SchemaDumper {
    /// libpq connection keywords and the environment variables that carry them: the connection reaches pg_dump
    /// through its environment, never its command line, so no password shows in `ps`.
    static let environmentNames = [
        "host": "PGHOST", "hostaddr": "PGHOSTADDR", "port": "PGPORT", "dbname": "PGDATABASE", "user": "PGUSER",
        "password": "PGPASSWORD", "passfile": "PGPASSFILE", "service": "PGSERVICE", "options": "PGOPTIONS",
        "application_name": "PGAPPNAME", "sslmode": "PGSSLMODE", "sslcert": "PGSSLCERT", "sslkey": "PGSSLKEY",
        "sslrootcert": "PGSSLROOTCERT", "sslcrl": "PGSSLCRL", "sslnegotiation": "PGSSLNEGOTIATION",
        "connect_timeout": "PGCONNECT_TIMEOUT", "target_session_attrs": "PGTARGETSESSIONATTRS",
        "gssencmode": "PGGSSENCMODE", "channel_binding": "PGCHANNELBINDING", "krbsrvname": "PGKRBSRVNAME",
    ]

    /// The schema of `schemas` as SQL.
    ///
    /// - Parameters:
    ///   - parameters: libpq keyword → value for the connection; keywords without a `PG*` variable are an error.
    ///   - environment: the process environment, which pg_dump inherits under the connection's variables.
    public static func dump(
        with tool: PgDump, parameters: [String: String], schemas: [String], environment: [String: String]
    ) throws(Diagnostic) -> String {
        var childEnvironment = environment
        for (key, value) in parameters {
            guard let name = environmentNames[key] else {
                throw Diagnostic(
                    category: .input, code: "dump-parameter",
                    message: "the connection parameter '\(key)' cannot be handed to pg_dump",
                    hint: "remove it from the URL to dump the schema")
            }
            childEnvironment[name] = value
        }
        let arguments = ["--schema-only", "--no-owner", "--no-privileges"]
            + schemas.map { "--schema=" + quotedPattern($0) }
        let run = try ToolRun.run(tool.path, arguments, environment: childEnvironment)
        guard run.status == 0 else {
            throw Diagnostic(
                category: .connection, code: "pg-dump-failed", message: "pg_dump failed (exit \(run.status))",
                notes: run.stderr.split(separator: "\n").prefix(5).map(String.init),
                hint: "check that the user may read the schemas' definitions")
        }
        return stable(run.stdout)
    }

    /// The dump without the lines that change from run to run or from machine to machine: the server's and
    /// pg_dump's versions, and the random `\restrict` keys of newer pg_dump releases. Blank lines are squeezed.
    static func stable(_ dump: String) -> String {
        let volatile = ["-- Dumped from database version", "-- Dumped by pg_dump version", "\\restrict ", "\\unrestrict "]
        var lines: [Substring] = []
        for line in dump.split(separator: "\n", omittingEmptySubsequences: false)
        where !volatile.contains(where: { line.hasPrefix($0) }) {
            if line.isEmpty, lines.last?.isEmpty == true { continue }
            lines.append(line)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }

    /// pg_dump's `--schema` takes a pattern: a schema name in double quotes is matched literally.
    static func quotedPattern(_ schema: String) -> String {
        "\"" + schema.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
