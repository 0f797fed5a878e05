import Diagnostics
import Foundation
import RedshiftEmulation

/// Initialised clusters kept between runs, one per server version, so a start copies files instead of running
/// `initdb` (about a second) every time.
struct TemplateCache {
    /// `<cache>/templates`.
    var directory: String

    /// The template cluster for `binaries`, made with `initdb` the first time.
    ///
    /// The template appears atomically: it is built elsewhere and renamed into place, and when another process wins
    /// that race its template is used and ours dropped.
    /// - Parameters:
    ///   - scratchParent: where `initdb` runs; must be reachable by `account`.
    func template(
        for binaries: PostgresBinaries, account: RunAccount?, scratchParent: String
    ) throws(Diagnostic) -> String {
        // The revision of the installed Redshift functions is part of the name: a changed script makes a new template.
        // So is plpgsql_check: installing the package later makes a template that has it.
        let extensions = binaries.hasPlpgsqlCheck ? "-plpgsql_check" : ""
        let template = "\(directory)/pg-\(binaries.version)-redshift\(RedshiftFunctions.revision)\(extensions)"
        if FileManager.default.fileExists(atPath: "\(template)/PG_VERSION") { return template }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .embeddedServer(
                "could not create the cache directory \(directory)",
                notes: ["\(error.localizedDescription)"],
                hint: "make it writable, or set XDG_CACHE_HOME to a writable directory"
            )
        }
        let scratch = try Directories.makePrivate(in: scratchParent, prefix: "slipway-initdb-")
        defer { Directories.remove(scratch) }
        try account.take(scratch)
        try initialise("\(scratch)/data", binaries: binaries, account: account)
        try installRedshiftFunctions("\(scratch)/data", scratch: scratch, binaries: binaries, account: account)

        let staging = try Directories.makePrivate(in: directory, prefix: ".pg-\(binaries.version)-")
        try Directories.copyTree("\(scratch)/data", to: "\(staging)/data")
        let renamed = rename("\(staging)/data", template) == 0
        let reason = String(cString: strerror(errno))
        if !renamed, !FileManager.default.fileExists(atPath: "\(template)/PG_VERSION") {
            Directories.remove(staging)
            throw .embeddedServer(
                "could not move the new template into \(template): \(reason)",
                hint: "check the permissions of \(directory), or remove it to start afresh"
            )
        }
        // Empty after a successful rename; holds the losing copy after a lost race.
        Directories.remove(staging)
        return template
    }

    /// Runs `initdb` into `dataDirectory`.
    private func initialise(
        _ dataDirectory: String, binaries: PostgresBinaries, account: RunAccount?
    ) throws(Diagnostic) {
        let arguments = [
            "-D", dataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync",
            "--no-instructions",
        ]
        let (termination, output) = try account.command(binaries.path(of: "initdb"), arguments).run()
        guard termination.succeeded else {
            throw .embeddedServer(
                "initdb failed (\(termination.summary))",
                notes: output.split(separator: "\n").suffix(10).map(String.init),
                hint: "fix the problem initdb reports, or point SLIPWAY_PG_BIN at a working PostgreSQL installation"
            )
        }
    }

    /// Installs the emulated Redshift's functions, and plpgsql_check when installed, in `template1` (so every new
    /// database has them) and `postgres`,
    /// with the server in single-user mode: no socket, no start and stop, paid once per template.
    private func installRedshiftFunctions(
        _ dataDirectory: String, scratch: String, binaries: PostgresBinaries, account: RunAccount?
    ) throws(Diagnostic) {
        let scriptPath = "\(scratch)/redshift-functions.sql"
        // In a schema of its own, outside the managed ones: clean and dump leave it alone.
        let plpgsqlCheck = binaries.hasPlpgsqlCheck
            ? "CREATE SCHEMA plpgsql_check;\n\nCREATE EXTENSION plpgsql_check SCHEMA plpgsql_check;\n\n" : ""
        guard FileManager.default.createFile(
            atPath: scriptPath, contents: Data((RedshiftFunctions.script + plpgsqlCheck).utf8))
        else {
            throw .embeddedServer("could not write \(scriptPath)", hint: "check that \(scratch) is writable")
        }
        for database in ["template1", "postgres"] {
            let script = open(scriptPath, O_RDONLY | O_CLOEXEC)
            guard script >= 0 else {
                throw .embeddedServer("could not read \(scriptPath): \(String(cString: strerror(errno)))",
                                      hint: "check that \(scratch) is readable")
            }
            defer { close(script) }
            var command = account.command(binaries.path(of: "postgres"), ["--single", "-j", "-D", dataDirectory, database])
            command.input = .descriptor(script)
            let (termination, output) = try command.run()
            // Single-user mode goes on after a failed statement; its output says so.
            guard termination.succeeded, !output.contains("ERROR:") else {
                throw .embeddedServer(
                    "could not install the Redshift functions in the embedded server's template (\(termination.summary))",
                    notes: output.split(separator: "\n").filter { $0.contains("ERROR") }.prefix(5).map(String.init),
                    hint: "remove \(directory) to start afresh; if it happens again, report it with these lines")
            }
        }
    }
}
