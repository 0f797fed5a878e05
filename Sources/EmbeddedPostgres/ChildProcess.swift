import Diagnostics
#if canImport(Glibc)
import Glibc
#endif

/// A command to start with posix_spawn, with its standard streams set up and no other descriptors inherited.
///
/// Foundation's `Process` is not used because a long-lived server must not inherit any descriptor of ours (the
/// watchdog's socket above all), and because the server must get its own process group so a terminal's Ctrl-C
/// reaches only Slipway, which then stops it in order.
struct ChildProcess {
    /// Where the child's standard input comes from.
    enum Input {
        case null
        case descriptor(Int32)
    }

    /// Where the child's standard output and standard error both go.
    enum Output {
        case null
        case appendingTo(path: String)
        case descriptor(Int32)
    }

    /// A program name (looked up in PATH) or an absolute path.
    var executable: String
    var arguments: [String]
    var input = Input.null
    var output = Output.null
    /// Whether the child leads a new process group, out of reach of signals sent to ours.
    var ownProcessGroup = false

    /// Starts the child and returns its process ID.
    func spawn() throws(Diagnostic) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        setUpStreams(&actions)
        setUpSignals(&attributes)

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let environment = Self.minimalEnvironment().map { strdup($0) } + [nil]
        defer { (argv + environment).forEach { free($0) } }
        var processID = pid_t()
        let status = posix_spawnp(&processID, executable, &actions, &attributes, argv, environment)
        guard status == 0 else {
            throw .embeddedServer(
                "could not start \(executable): \(String(cString: strerror(status)))",
                hint: "check that \(executable) is installed and executable"
            )
        }
        return processID
    }

    /// What a child may see of our environment: the search path, home, locale and time zone, and nothing else.
    ///
    /// Slipway's environment holds FLYWAY_PASSWORD, PGPASSWORD and secret JSON; SQL run on the embedded server
    /// can read the postmaster's environment (`/proc/self/environ`) into a report, so none of it is passed on.
    /// `PG*` variables would also change what `initdb` and `pg_ctl` do.
    static func minimalEnvironment() -> [String] {
        var entries: [String] = []
        var entry = environ
        while let pointer = entry.pointee {
            let text = String(cString: pointer)
            let name = text.prefix { $0 != "=" }
            if ["PATH", "HOME", "LANG", "LANGUAGE", "TZ", "TMPDIR"].contains(name) || name.hasPrefix("LC_") {
                entries.append(text)
            }
            entry += 1
        }
        return entries
    }

    /// Runs the child to completion and returns how it ended with everything it printed.
    func run() throws(Diagnostic) -> (termination: Termination, output: String) {
        let (ourEnd, childEnd) = try Self.makeSocketPair()
        var capturing = self
        capturing.output = .descriptor(childEnd)
        let processID: pid_t
        do {
            processID = try capturing.spawn()
        } catch {
            close(ourEnd)
            close(childEnd)
            throw error
        }
        close(childEnd)
        let output = Self.readAll(ourEnd)
        close(ourEnd)
        return (Termination.wait(for: processID), output)
    }

    /// Two connected stream sockets, both close-on-exec from the start so no concurrently spawned child inherits them.
    static func makeSocketPair() throws(Diagnostic) -> (Int32, Int32) {
        var descriptors: [Int32] = [-1, -1]
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        guard socketpair(AF_UNIX, type, 0, &descriptors) == 0 else {
            throw .embeddedServer(
                "could not create a socket pair: \(String(cString: strerror(errno)))",
                hint: "the process may have run out of file descriptors; raise `ulimit -n`"
            )
        }
        return (descriptors[0], descriptors[1])
    }

    private static func readAll(_ descriptor: Int32) -> String {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            if count > 0 {
                data += buffer[0..<count]
            } else if count == 0 || errno != EINTR {
                break
            }
        }
        return String(decoding: data, as: UTF8.self)
    }

    private func setUpStreams(_ actions: inout posix_spawn_file_actions_t) {
        switch input {
        case .null: posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        case .descriptor(let descriptor): posix_spawn_file_actions_adddup2(&actions, descriptor, 0)
        }
        switch output {
        case .null: posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        case .appendingTo(let path):
            posix_spawn_file_actions_addopen(&actions, 1, path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        case .descriptor(let descriptor): posix_spawn_file_actions_adddup2(&actions, descriptor, 1)
        }
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // Descriptors of ours that lack FD_CLOEXEC (e.g. a caller's pipes) must not outlive us in a server.
        if let addCloseFrom = ChildProcess.addCloseFrom { _ = addCloseFrom(&actions, 3) }
    }

    private func setUpSignals(_ attributes: inout posix_spawnattr_t) {
        var flags = Int32(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
        if ownProcessGroup {
            flags |= Int32(POSIX_SPAWN_SETPGROUP)
            posix_spawnattr_setpgroup(&attributes, 0)
        }
        posix_spawnattr_setflags(&attributes, Int16(flags))
        // Start with nothing blocked and default handling of the signals a caller may have changed.
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGQUIT, SIGHUP, SIGPIPE, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34+); Swift's Glibc module hides GNU extensions, so
    /// it is looked up at run time. `nil` on an older C library, where FD_CLOEXEC on our own descriptors still holds.
    private static let addCloseFrom: AddCloseFrom? = {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: AddCloseFrom.self)
    }()

    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32
}
