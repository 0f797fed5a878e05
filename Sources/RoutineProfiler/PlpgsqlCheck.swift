import Foundation
import Coverage
import Diagnostics
import PostgresClient

/// The plpgsql_check extension in one database: which routines the migrations defined, their profiles and their
/// static check. Every query names the extension's schema, so nothing depends on the search path.
public struct PlpgsqlCheck {
    /// A PL/pgSQL routine of the database that a migration defines.
    public struct Routine: Sendable, Equatable {
        public var oid: String
        /// As `regprocedure` prints it, e.g. `merge_staged_products(integer)`.
        public var signature: String
        public var source: RoutineSource
        /// For a trigger function, a table one of its triggers is on (plpgsql_check checks it against that table).
        public var triggerTable: String?
        public var isTrigger: Bool
    }

    /// The Debian package that holds the extension for this server's major version.
    public static func package(serverVersionNumber: Int) -> String {
        "postgresql-\(serverVersionNumber / 10000)-plpgsql-check"
    }

    let connection: Connection
    /// The extension's schema, quoted for SQL.
    let schema: String
    /// Whether the server loads the library at start (`shared_preload_libraries`), so profiles live in shared
    /// memory across sessions; else they live in the session that ran the routine.
    public let isPreloaded: Bool

    /// The extension in `connection`'s database: created there, or created now when the server has its files.
    ///
    /// - Throws: an `.input` diagnostic naming the package to install when the server has no plpgsql_check.
    public static func open(_ connection: Connection, createIfAvailable: Bool) throws -> PlpgsqlCheck {
        if let found = try namespace(connection) { return try PlpgsqlCheck(connection, schema: found) }
        let available = try connection.execute(
            "SELECT 1 FROM pg_catalog.pg_available_extensions WHERE name = 'plpgsql_check'").rows.isEmpty == false
        guard available, createIfAvailable else {
            throw Diagnostic(
                category: .input, code: "plpgsql-check-missing",
                message: available
                    ? "the plpgsql_check extension is not created in database \(connection.database)"
                    : "the server has no plpgsql_check extension, which coverage and the routines' static check need",
                hint: available
                    ? "run CREATE EXTENSION plpgsql_check in it, or use the embedded server (--ephemeral)"
                    : "install it on the server (Debian: apt-get install \(package(serverVersionNumber: connection.serverVersionNumber))), or run without --coverage")
        }
        _ = try connection.execute("CREATE SCHEMA IF NOT EXISTS plpgsql_check")
        _ = try connection.execute("CREATE EXTENSION IF NOT EXISTS plpgsql_check SCHEMA plpgsql_check")
        return try PlpgsqlCheck(connection, schema: "plpgsql_check")
    }

    /// The extension's schema when it is created in `connection`'s database.
    public static func namespace(_ connection: Connection) throws -> String? {
        try connection.execute("""
            SELECT n.nspname FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
            WHERE e.extname = 'plpgsql_check'
            """).rows.first?.first ?? nil
    }

    private init(_ connection: Connection, schema: String) throws {
        self.connection = connection
        self.schema = "\"" + schema.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        let libraries = try connection.execute("SELECT pg_catalog.current_setting('shared_preload_libraries')")
            .rows.first?.first ?? nil
        isPreloaded = (libraries ?? "").split(separator: ",")
            .contains { $0.trimmingCharacters(in: .whitespaces) == "plpgsql_check" }
    }

    /// The PL/pgSQL routines of the database that `sources` define, in signature order; routines of extensions
    /// and of no migration are left out.
    public func routines(definedBy sources: RoutineSources) throws -> [Routine] {
        let rows = try connection.execute("""
            SELECT p.oid::text, p.oid::pg_catalog.regprocedure::text, n.nspname, p.proname, p.prosrc,
                   p.prorettype = 'pg_catalog.trigger'::pg_catalog.regtype,
                   (SELECT t.tgrelid::pg_catalog.regclass::text FROM pg_catalog.pg_trigger t
                    WHERE t.tgfoid = p.oid ORDER BY t.oid LIMIT 1)
            FROM pg_catalog.pg_proc p
            JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
            JOIN pg_catalog.pg_language l ON l.oid = p.prolang
            WHERE l.lanname = 'plpgsql' AND n.nspname NOT IN ('pg_catalog', 'information_schema')
              AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                              WHERE d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND d.objid = p.oid
                                AND d.deptype = 'e')
            ORDER BY 2
            """).rows
        return rows.compactMap { row in
            guard let oid = row[0], let signature = row[1], let schema = row[2], let name = row[3],
                let source = sources.source(schema: schema, name: name, body: row[4] ?? "")
            else { return nil }
            return Routine(oid: oid, signature: signature, source: source, triggerTable: row[6], isTrigger: row[5] == "t")
        }
    }

    /// Turns the profiler on for this session (loading the library first when the server does not preload it).
    public func startProfiling() throws {
        if !isPreloaded { _ = try connection.execute("LOAD 'plpgsql_check'") }
        _ = try connection.execute("SET plpgsql_check.profiler = on")
    }

    /// Forgets what the routines' profiles counted so far (e.g. calls made by the migrations themselves).
    public func resetProfiles(_ routines: [Routine]) throws {
        for routine in routines {
            _ = try connection.execute(
                "SELECT \(schema).plpgsql_profiler_reset($1::pg_catalog.oid::pg_catalog.regprocedure)",
                parameters: [routine.oid])
        }
    }

    /// Each routine's statements with how often they ran in this database (with a preloaded library: in every
    /// session; else in this one).
    public func profiles(_ routines: [Routine]) throws -> [RoutineProfile] {
        try routines.map { routine in
            let rows = try connection.execute("""
                SELECT stmtid, parent_stmtid, parent_note, lineno, exec_stmts, stmtname
                FROM \(schema).plpgsql_profiler_function_statements_tb($1::pg_catalog.oid::pg_catalog.regprocedure)
                ORDER BY stmtid
                """, parameters: [routine.oid]).rows
            let statements = rows.compactMap { row -> ProfiledStatement? in
                guard let id = row[0].flatMap({ Int($0) }), let line = row[3].flatMap({ Int($0) }) else { return nil }
                return ProfiledStatement(
                    id: id, parentID: row[1].flatMap { Int($0) }, parentNote: row[2], line: line,
                    executions: row[4].flatMap { Int($0) } ?? 0, name: row[5] ?? "")
            }
            return RoutineProfile(signature: routine.signature, source: routine.source, statements: statements)
        }
    }

    /// plpgsql_check's static check of every routine (all findings, not only the first error of each).
    ///
    /// A trigger function no trigger uses yet cannot be checked (plpgsql_check needs the table); it yields a warning.
    public func check(_ routines: [Routine]) throws -> [(Routine, CheckFinding)] {
        try routines.flatMap { routine -> [(Routine, CheckFinding)] in
            if routine.isTrigger, routine.triggerTable == nil {
                return [(routine, CheckFinding(
                    signature: routine.signature, line: nil, statement: nil, sqlstate: nil,
                    message: "trigger function not checked: no trigger uses it yet", detail: nil,
                    hint: "create its trigger in a migration, and the check covers it", level: "warning",
                    position: nil, query: nil))]
            }
            let rows = try connection.execute("""
                SELECT lineno, statement, sqlstate, message, detail, hint, level, position, query
                FROM \(schema).plpgsql_check_function_tb(
                    $1::pg_catalog.oid::pg_catalog.regprocedure, COALESCE($2::pg_catalog.regclass, 0::pg_catalog.oid::pg_catalog.regclass),
                    fatal_errors => false)
                """, parameters: [routine.oid, routine.triggerTable]).rows
            return rows.map { row in
                (routine, CheckFinding(
                    signature: routine.signature, line: row[0].flatMap { Int($0) }, statement: row[1], sqlstate: row[2],
                    message: row[3] ?? "", detail: row[4], hint: row[5], level: row[6] ?? "warning",
                    position: row[7].flatMap { Int($0) }, query: row[8]))
            }
        }
    }
}
