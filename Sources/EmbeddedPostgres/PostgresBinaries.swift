import Diagnostics
import Foundation

/// A directory holding a PostgreSQL server installation's `initdb` and `postgres`, and its version.
public struct PostgresBinaries: Sendable, Equatable {
    public var directory: String
    /// The server version from `postgres --version`, e.g. `15.18`.
    public var version: String

    public init(directory: String, version: String) {
        self.directory = directory
        self.version = version
    }

    /// Whether this installation has the plpgsql_check extension (library and control file), which coverage and
    /// the routines' static check use; Debian's `postgresql-<major>-plpgsql-check` installs it.
    public var hasPlpgsqlCheck: Bool {
        let prefix = URL(fileURLWithPath: directory).deletingLastPathComponent().path
        let major = version.split(separator: ".").first.map(String.init) ?? version
        let controls = [
            "/usr/share/postgresql/\(major)/extension", "\(prefix)/share/extension", "\(prefix)/share/postgresql/extension",
        ]
        return FileManager.default.fileExists(atPath: "\(prefix)/lib/plpgsql_check.so")
            && controls.contains { FileManager.default.fileExists(atPath: "\($0)/plpgsql_check.control") }
    }

    /// The full path of one of the programs, e.g. `initdb`.
    func path(of program: String) -> String {
        "\(directory)/\(program)"
    }

    /// Finds the server binaries: `$SLIPWAY_PG_BIN`, then `pg_config --bindir`, then the newest major version under
    /// `/usr/lib/postgresql/*/bin`, then `PATH`.
    ///
    /// - Throws: a `.connection` diagnostic naming the package to install when none holds `initdb` and `postgres`,
    ///   or when `$SLIPWAY_PG_BIN` is set to a directory that does not.
    public static func locate(environment: [String: String]) throws(Diagnostic) -> PostgresBinaries {
        if let explicit = environment["SLIPWAY_PG_BIN"], !explicit.isEmpty {
            guard holdsServer(explicit) else {
                throw .embeddedServer(
                    "SLIPWAY_PG_BIN=\(explicit) does not contain initdb and postgres",
                    hint: "point SLIPWAY_PG_BIN at a PostgreSQL bin directory, or unset it"
                )
            }
            return try PostgresBinaries(versionOf: explicit)
        }
        let searchPath = (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        let candidates = pgConfigDirectory(searchPath: searchPath).map { [$0] } ?? []
        for directory in candidates + debianDirectories() + searchPath where holdsServer(directory) {
            return try PostgresBinaries(versionOf: directory)
        }
        throw .embeddedServer(
            "no PostgreSQL server (initdb, postgres) found",
            hint: "install it with `apt-get install postgresql`, or set SLIPWAY_PG_BIN to its bin directory"
        )
    }

    /// Reads the version of the server in `directory`.
    init(versionOf directory: String) throws(Diagnostic) {
        let program = "\(directory)/postgres"
        let (termination, output) = try ChildProcess(executable: program, arguments: ["--version"]).run()
        // "postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)": the first word that starts with a digit.
        let version = output.split(whereSeparator: \.isWhitespace).first { $0.first?.isNumber == true }
        guard termination.succeeded, let version else {
            throw .embeddedServer(
                "`\(program) --version` failed (\(termination.summary))",
                notes: output.split(separator: "\n").prefix(3).map(String.init),
                hint: "reinstall the server with `apt-get install --reinstall postgresql`, or set SLIPWAY_PG_BIN"
            )
        }
        self.init(directory: directory, version: String(version))
    }

    private static func holdsServer(_ directory: String) -> Bool {
        ["initdb", "postgres"].allSatisfy { FileManager.default.isExecutableFile(atPath: "\(directory)/\($0)") }
    }

    /// The `--bindir` of the first `pg_config` on the search path (Debian's names the client's major version).
    private static func pgConfigDirectory(searchPath: [String]) -> String? {
        guard let pgConfig = searchPath.map({ "\($0)/pg_config" }).first(where: FileManager.default.isExecutableFile)
        else { return nil }
        guard let (termination, output) = try? ChildProcess(executable: pgConfig, arguments: ["--bindir"]).run(),
            termination.succeeded
        else { return nil }
        return output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Debian's `/usr/lib/postgresql/<major>/bin` directories, newest major version first.
    private static func debianDirectories() -> [String] {
        let root = "/usr/lib/postgresql"
        let majors = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return majors.compactMap { name in Int(name).map { (major: $0, name: name) } }
            .sorted { $0.major > $1.major }
            .map { "\(root)/\($0.name)/bin" }
    }
}
