#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A TCP listener on 127.0.0.1 that accepts connections and never writes a byte: a server that hangs after the
/// handshake, as a stuck proxy or a frozen host does.
public final class SilentServer {
    public let port: Int
    private let listener: Int32
    private var accepted: [Int32] = []

    public init() throws {
        (listener, port) = try LoopbackListener.open()
    }

    deinit {
        (accepted + [listener]).forEach { close($0) }
    }

    /// Waits up to `seconds` for a client to connect; true when one did (it is then held open, unanswered).
    public func awaitClient(seconds: Int32) -> Bool {
        var descriptor = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, seconds * 1000) > 0 else { return false }
        let client = accept(listener, nil, nil)
        guard client >= 0 else { return false }
        accepted.append(client)
        return true
    }
}
