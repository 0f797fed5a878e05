import Diagnostics
#if canImport(Glibc)
import Glibc
#endif

/// The unprivileged account that runs `initdb` and `postgres` when Slipway runs as root, which both refuse.
struct RunAccount {
    var name: String
    var userID: uid_t
    var groupID: gid_t

    /// The account to switch to: `nil` when not root (no switch needed), else `postgres`, or `nobody` without one.
    static func forCurrentProcess() throws(Diagnostic) -> RunAccount? {
        guard geteuid() == 0 else { return nil }
        for name in ["postgres", "nobody"] {
            if let entry = getpwnam(name) {
                return RunAccount(name: name, userID: entry.pointee.pw_uid, groupID: entry.pointee.pw_gid)
            }
        }
        throw .embeddedServer(
            "running as root, but there is no `postgres` or `nobody` account to run the server as",
            hint: "create one with `adduser --system --group postgres`, or run Slipway as a normal user"
        )
    }

    /// The command that runs `executable` as this account: util-linux `setpriv`, which execs in place so the
    /// process ID stays that of the program itself.
    func command(_ executable: String, _ arguments: [String]) -> ChildProcess {
        ChildProcess(
            executable: "setpriv",
            arguments: ["--reuid=\(userID)", "--regid=\(groupID)", "--init-groups", "--", executable] + arguments
        )
    }

    /// Gives a directory tree to this account.
    func take(_ path: String) throws(Diagnostic) {
        try Directories.runTool(ChildProcess(executable: "chown", arguments: ["-R", "\(userID):\(groupID)", path]))
    }
}

extension Optional where Wrapped == RunAccount {
    /// The command for `executable`, switched to the account when there is one.
    func command(_ executable: String, _ arguments: [String]) -> ChildProcess {
        self?.command(executable, arguments) ?? ChildProcess(executable: executable, arguments: arguments)
    }

    /// Gives a directory tree to the account, when there is one.
    func take(_ path: String) throws(Diagnostic) {
        try self?.take(path)
    }
}
