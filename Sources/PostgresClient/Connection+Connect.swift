import CLibPQ

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Connection {
    /// How long connecting (TCP, TLS and authentication together) may take when neither the `connect_timeout`
    /// keyword nor `PGCONNECT_TIMEOUT` says: pgJDBC waits 10 s for the socket alone, and a paused Redshift
    /// Serverless workgroup takes some seconds to answer, so 30 s.
    public static let defaultConnectTimeout: Duration = .seconds(30)

    /// Drives libpq's non-blocking connect to the end, waiting on its socket in short slices so that a deadline
    /// and an interrupt are noticed even while a server accepts and never answers (blocking `PQconnectdb` would
    /// wait for ever, and a signal cannot stop it).
    ///
    /// - Returns: the established connection; on any failure it is freed and the reason thrown.
    static func awaitEstablished(
        _ connection: OpaquePointer, timeout: Duration, isCancelled: () -> Bool, redactor: SecretRedactor
    ) throws(PostgresError) -> OpaquePointer {
        let limit = configuredTimeout(connection) ?? timeout
        let deadline = ContinuousClock.now + limit
        var state = PGRES_POLLING_WRITING
        while state != PGRES_POLLING_OK {
            // A connect that failed at once (no such socket file) has no socket to wait on.
            guard state == PGRES_POLLING_READING || state == PGRES_POLLING_WRITING, PQstatus(connection) != CONNECTION_BAD,
                PQsocket(connection) >= 0
            else {
                return try established(connection, redactor: redactor)
            }
            if isCancelled() {
                PQfinish(connection)
                throw .connectionFailed("interrupted while connecting")
            }
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else {
                PQfinish(connection)
                throw .connectionFailed(
                    "no answer within \(limit.components.seconds) s (set connect_timeout in the URL to wait longer)")
            }
            var descriptor = pollfd(
                fd: PQsocket(connection), events: Int16(state == PGRES_POLLING_READING ? POLLIN : POLLOUT), revents: 0)
            let slice = min(remaining, .milliseconds(100))
            if poll(&descriptor, 1, Int32((slice / .milliseconds(1)).rounded(.up))) > 0 { state = PQconnectPoll(connection) }
        }
        return try established(connection, redactor: redactor)
    }

    /// The `connect_timeout` libpq resolved (from the keyword or `PGCONNECT_TIMEOUT`); nil when unset. As in
    /// libpq, 0 or less waits without a limit, and 1 means 2 seconds.
    private static func configuredTimeout(_ connection: OpaquePointer) -> Duration? {
        guard let options = PQconninfo(connection) else { return nil }
        defer { PQconninfoFree(options) }
        var option = options
        while let keyword = option.pointee.keyword {
            if String(cString: keyword) == "connect_timeout", let value = option.pointee.val,
                let seconds = Int(String(cString: value).trimmingWhitespace)
            {
                // "No limit" as 68 years keeps one code path.
                return seconds <= 0 ? .seconds(Int64(Int32.max)) : .seconds(max(seconds, 2))
            }
            option += 1
        }
        return nil
    }
}
