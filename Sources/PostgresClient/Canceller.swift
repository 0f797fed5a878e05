import CLibPQ

/// Asks the server to cancel whatever statement its connection is running; usable from any thread.
///
/// It holds its own copy of the connection's cancel key, so it stays valid (and harmless) after the connection closes.
public final class Canceller: Sendable {
    /// libpq's PGcancel; PQcancel on it is thread-safe and it is never mutated after creation.
    private nonisolated(unsafe) let handle: OpaquePointer?

    init(handle: OpaquePointer?) {
        self.handle = handle
    }

    deinit {
        if let handle { PQfreeCancel(handle) }
    }

    /// Sends a cancel request; the running statement then fails with SQLSTATE 57014.
    ///
    /// Does nothing when the connection was already closed; cancelling when no statement runs is harmless.
    public func cancel() {
        guard let handle else { return }
        var errorBuffer = [CChar](repeating: 0, count: 256)
        // A failed request leaves the statement running, which is all a caller could observe anyway.
        _ = PQcancel(handle, &errorBuffer, Int32(errorBuffer.count))
    }
}
