import Diagnostics
#if canImport(Glibc)
import Glibc
#endif

/// A small `/bin/sh` child that stops the server and removes its run directory when the owning process dies.
///
/// Its standard input is a socket whose other end only the owning process holds (close-on-exec, so no other child
/// inherits it). When the owner ends in any way, even by SIGKILL, the kernel closes that end, the shell reads EOF,
/// sends the server SIGQUIT (immediate shutdown), waits up to 10 seconds for it to go, and removes the directory.
struct Watchdog {
    let processID: pid_t
    /// Our end of the socket; closing it (or dying) triggers the cleanup.
    let descriptor: Int32

    /// The shell script; `$1` is the run directory, `$2` the data directory. The first line read is the server's
    /// process ID; without it (the owner died first) the one in `postmaster.pid` is used.
    private static let script = """
        trap '' INT HUP QUIT PIPE
        pid=''
        read -r pid
        while read -r _; do :; done
        [ -n "$pid" ] || pid=$(sed -n 1p "$2/postmaster.pid" 2>/dev/null)
        if [ -n "$pid" ] && kill -QUIT "$pid" 2>/dev/null; then
            tries=0
            while kill -0 "$pid" 2>/dev/null && [ "$tries" -lt 200 ]; do sleep 0.05; tries=$((tries + 1)); done
        fi
        rm -rf "$1"
        """

    /// Starts a watchdog for a run directory that will hold the data directory `dataDirectory`.
    static func start(runDirectory: String, dataDirectory: String) throws(Diagnostic) -> Watchdog {
        let (ourEnd, childEnd) = try ChildProcess.makeSocketPair()
        defer { close(childEnd) }
        var shell = ChildProcess(
            executable: "/bin/sh", arguments: ["-c", script, "slipway-watchdog", runDirectory, dataDirectory])
        shell.input = .descriptor(childEnd)
        shell.ownProcessGroup = true
        do {
            return Watchdog(processID: try shell.spawn(), descriptor: ourEnd)
        } catch {
            close(ourEnd)
            throw error
        }
    }

    /// Tells the watchdog which process is the server.
    func watch(serverProcessID: pid_t) {
        let line = Array("\(serverProcessID)\n".utf8)
        // MSG_NOSIGNAL: a watchdog that died must not kill us with SIGPIPE.
        _ = send(descriptor, line, line.count, Int32(MSG_NOSIGNAL))
    }

    /// Lets the watchdog do its cleanup now and waits until it has finished.
    func release() {
        close(descriptor)
        _ = Termination.wait(for: processID)
    }

    /// Ends the watchdog without any cleanup, leaving the server running.
    func dismiss() {
        kill(processID, SIGKILL)
        close(descriptor)
        _ = Termination.wait(for: processID)
    }
}
