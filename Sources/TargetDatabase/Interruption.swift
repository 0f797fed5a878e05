import PostgresClient
import Synchronization

/// Carries a SIGINT/SIGTERM from the signal handler to the work in progress: it cancels the statement that is
/// running on the server (libpq's cancel request) and tells the work to stop before the next step.
public final class Interruption: Sendable {
    private struct State {
        var interrupted = false
        var canceller: Canceller?
    }

    private let state = Mutex(State())

    public init() {}

    public var isInterrupted: Bool { state.withLock { $0.interrupted } }

    /// Called from a signal handler's queue.
    public func interrupt() {
        let canceller = state.withLock { state -> Canceller? in
            state.interrupted = true
            return state.canceller
        }
        canceller?.cancel()
    }

    /// The connection whose running statement an interrupt cancels.
    public func watch(_ canceller: Canceller?) {
        state.withLock { $0.canceller = canceller }
    }
}
