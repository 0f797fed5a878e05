import Diagnostics
import Foundation

/// PostgreSQL's own `pg_dump`, found on this machine, with its major version.
public struct PgDump: Sendable, Equatable {
    public var path: String
    /// The major version from `pg_dump --version`, e.g. 15.
    public var major: Int

    /// Finds `pg_dump`: in `$SLIPWAY_PG_BIN` when set (next to the embedded server's binaries), else the newest
    /// `/usr/lib/postgresql/<major>/bin/pg_dump`, else on `PATH`.
    ///
    /// - Parameter serverMajor: the server's major version; an older `pg_dump` refuses to dump it, so it is refused here
    ///   with the package to install.
    public static func locate(environment: [String: String], serverMajor: Int) throws(Diagnostic) -> PgDump {
        let candidates: [String]
        if let directory = environment["SLIPWAY_PG_BIN"], !directory.isEmpty {
            candidates = ["\(directory)/pg_dump"]
        } else {
            let root = "/usr/lib/postgresql"
            let majors = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).compactMap(Int.init).sorted(by: >)
            candidates = majors.map { "\(root)/\($0)/bin/pg_dump" }
                + (environment["PATH"] ?? "").split(separator: ":").map { "\($0)/pg_dump" }
        }
        guard let path = candidates.first(where: FileManager.default.isExecutableFile) else {
            throw Diagnostic(
                category: .input, code: "no-pg-dump", message: "pg_dump was not found",
                notes: ["looked in: " + (candidates.isEmpty ? "PATH" : candidates.joined(separator: ", "))],
                hint: "install it with `apt-get install postgresql-client-\(serverMajor)` (Debian), "
                    + "or set SLIPWAY_PG_BIN to a PostgreSQL bin directory that holds it")
        }
        let dump = try PgDump(path: path, major: version(of: path))
        guard dump.major >= serverMajor else {
            throw Diagnostic(
                category: .input, code: "old-pg-dump",
                message: "\(path) is version \(dump.major), older than the server (\(serverMajor)), and cannot dump it",
                hint: "install `postgresql-client-\(serverMajor)` (Debian package) or newer, "
                    + "or set SLIPWAY_PG_BIN to its bin directory")
        }
        return dump
    }

    private static func version(of path: String) throws(Diagnostic) -> Int {
        let run = try ToolRun.run(path, ["--version"], environment: ProcessInfo.processInfo.environment)
        // "pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)": the first word that starts with a digit.
        let version = run.stdout.split(whereSeparator: \.isWhitespace).first { $0.first?.isNumber == true }
        guard run.status == 0, let major = version?.split(separator: ".").first.flatMap({ Int($0) }) else {
            throw Diagnostic(
                category: .input, code: "pg-dump-version", message: "`\(path) --version` failed",
                notes: run.stderr.split(separator: "\n").prefix(3).map(String.init),
                hint: "reinstall the PostgreSQL client, or set SLIPWAY_PG_BIN to another bin directory")
        }
        return major
    }
}
