import PostgresClient
import Synchronization

/// Carries a SIGINT/SIGTERM from the signal handler to the work in progress: it cancels the statement that is
/// running on the server (libpq's cancel request) and tells the work to stop before the next step.
public final class Interruption: Sendable {
    private struct State {
        var interrupted = false
        var canceller: Canceller?
        /// Parallel test workers' connections, besides the main one.
        var workers: [Canceller] = []
    }

    private let state = Mutex(State())

    public init() {}

    public var isInterrupted: Bool { state.withLock { $0.interrupted } }

    /// Called from a signal handler's queue.
    public func interrupt() {
        let cancellers = state.withLock { state -> [Canceller] in
            state.interrupted = true
            return [state.canceller].compactMap { $0 } + state.workers
        }
        cancellers.forEach { $0.cancel() }
    }

    /// The connection whose running statement an interrupt cancels.
    public func watch(_ canceller: Canceller?) {
        state.withLock { $0.canceller = canceller }
    }

    /// Also cancels this connection's statement on an interrupt (a parallel test worker's).
    public func watchWorker(_ canceller: Canceller) {
        state.withLock { $0.workers.append(canceller) }
    }
}
