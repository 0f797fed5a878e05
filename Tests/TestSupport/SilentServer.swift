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
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard listener >= 0 else { throw SilentServerError.socket(errno) }
        self.listener = listener
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(listener, generic, length) == 0 && listen(listener, 16) == 0
                    && getsockname(listener, generic, &length) == 0
            }
        }
        guard bound else {
            close(listener)
            throw SilentServerError.socket(errno)
        }
        port = Int(UInt16(bigEndian: address.sin_port))
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

public enum SilentServerError: Error {
    case socket(Int32)
}
