#if canImport(Glibc)
import Glibc
#endif

/// How a child process ended.
enum Termination: Equatable {
    case exited(Int32)
    case signaled(Int32)

    /// Waits for the child to end and reaps it.
    static func wait(for processID: pid_t) -> Termination {
        var status: Int32 = 0
        while waitpid(processID, &status, 0) == -1 {
            // ECHILD: someone else reaped it; nothing more can be learnt.
            guard errno == EINTR else { return .exited(-1) }
        }
        return Termination(status: status)
    }

    /// How the child ended, or `nil` while it is still running.
    static func poll(_ processID: pid_t) -> Termination? {
        var status: Int32 = 0
        let result = waitpid(processID, &status, WNOHANG)
        if result == 0 { return nil }
        return result == processID ? Termination(status: status) : .exited(-1)
    }

    /// Decodes a wait status (the WIFEXITED/WEXITSTATUS/WTERMSIG macros are not imported into Swift).
    private init(status: Int32) {
        let signal = status & 0x7f
        self = signal == 0 ? .exited((status >> 8) & 0xff) : .signaled(signal)
    }

    var succeeded: Bool { self == .exited(0) }

    /// `exit status 1` or `killed by signal 9`.
    var summary: String {
        switch self {
        case .exited(let code): return "exit status \(code)"
        case .signaled(let signal): return "killed by signal \(signal)"
        }
    }
}
