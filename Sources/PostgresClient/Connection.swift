import CLibPQ

/// A libpq connection to a PostgreSQL (or Redshift) server.
///
/// Not `Sendable`: one thread at a time may use it. To stop a running statement from another thread, use a
/// ``Canceller`` from ``makeCanceller()``.
public final class Connection {
    /// libpq's PGconn; `nil` once closed.
    var handle: OpaquePointer?
    /// Passwords that must never appear in an error message.
    let redactor: SecretRedactor
    /// Receives every RAISE NOTICE/WARNING/INFO and other non-error message; without one they are dropped.
    public var noticeHandler: ((ServerMessage) -> Void)?

    /// Connects with libpq keywords (`host`, `port`, `user`, `dbname`, ...); values are never parsed as a
    /// connection string.
    ///
    /// - Parameters:
    ///   - timeout: the limit for the whole connect when `connect_timeout` (or `PGCONNECT_TIMEOUT`) sets none.
    ///   - isCancelled: asked about ten times a second while waiting for the server; true gives up.
    public init(
        parameters: [ConnectionParameter], timeout: Duration = Connection.defaultConnectTimeout,
        isCancelled: () -> Bool = { false }
    ) throws(PostgresError) {
        redactor = SecretRedactor(secrets: parameters.filter { $0.key == "password" }.map(\.value))
        let keys = CStringArray(parameters.map(\.key), nullTerminated: true)
        let values = CStringArray(parameters.map(\.value), nullTerminated: true)
        let connection = withExtendedLifetime((keys, values)) {
            PQconnectStartParams(keys.pointers, values.pointers, 0)
        }
        guard let connection else { throw .client("libpq could not allocate a connection") }
        handle = try Self.awaitEstablished(connection, timeout: timeout, isCancelled: isCancelled, redactor: redactor)
        installNoticeReceiver()
    }

    /// Connects with a libpq connection string: `postgresql://...` URI or `key=value ...` pairs.
    public init(conninfo: String) throws(PostgresError) {
        redactor = try Self.redactor(forConninfo: conninfo)
        handle = try Self.established(PQconnectdb(conninfo), redactor: redactor)
        installNoticeReceiver()
    }

    deinit {
        close()
    }

    /// Ends the session; calling it again does nothing.
    public func close() {
        guard let handle else { return }
        self.handle = nil
        PQfinish(handle)
    }

    /// A thread-safe handle that cancels the statement this connection is running.
    public func makeCanceller() -> Canceller {
        Canceller(handle: handle.flatMap { PQgetCancel($0) })
    }

    /// The server's version as a number, e.g. 150018 for 15.18; 0 when closed.
    public var serverVersionNumber: Int {
        handle.map { Int(PQserverVersion($0)) } ?? 0
    }

    /// A setting the server reports to clients, e.g. `server_version`, `TimeZone`, `client_encoding`.
    public func parameterStatus(_ name: String) -> String? {
        handle.flatMap { PQparameterStatus($0, name) }.map { String(cString: $0) }
    }

    public var transactionStatus: TransactionStatus {
        guard let handle else { return .unknown }
        switch PQtransactionStatus(handle) {
        case PQTRANS_IDLE: return .idle
        case PQTRANS_ACTIVE: return .active
        case PQTRANS_INTRANS: return .inTransaction
        case PQTRANS_INERROR: return .inError
        default: return .unknown
        }
    }

    /// The process ID of the server process serving this connection; 0 when closed.
    public var backendPID: Int32 {
        handle.map { PQbackendPID($0) } ?? 0
    }

    /// The user name the session was opened with.
    public var user: String {
        handle.flatMap { PQuser($0) }.map { String(cString: $0) } ?? ""
    }

    /// The database the session is connected to.
    public var database: String {
        handle.flatMap { PQdb($0) }.map { String(cString: $0) } ?? ""
    }

    /// libpq's latest error message, trimmed and without passwords.
    var lastErrorMessage: String {
        let text = handle.flatMap { PQerrorMessage($0) }.map { String(cString: $0) } ?? "the connection is closed"
        return redactor.redact(text.trimmingWhitespace)
    }

    /// The open connection, or `connectionFailed` with libpq's message (the connection is then freed).
    static func established(_ connection: OpaquePointer?, redactor: SecretRedactor) throws(PostgresError)
        -> OpaquePointer
    {
        guard let connection else { throw .client("libpq could not allocate a connection") }
        guard PQstatus(connection) == CONNECTION_OK else {
            let text = PQerrorMessage(connection).map { String(cString: $0) } ?? ""
            PQfinish(connection)
            throw .connectionFailed(redactor.redact(text.trimmingWhitespace))
        }
        return connection
    }

    /// A redactor for the password in a connection string; a string libpq cannot parse is rejected before use.
    private static func redactor(forConninfo conninfo: String) throws(PostgresError) -> SecretRedactor {
        var parseError: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(conninfo, &parseError) else {
            let text = parseError.map { String(cString: $0) } ?? "invalid connection string"
            PQfreemem(parseError)
            // The parser quotes pieces of the string, which may be the password.
            let redactor = SecretRedactor(secrets: [], hidesQuotedText: true)
            throw .connectionFailed(redactor.redact(text.trimmingWhitespace))
        }
        defer { PQconninfoFree(options) }
        var secrets: [String] = []
        var option = options
        while let keyword = option.pointee.keyword {
            if String(cString: keyword) == "password", let value = option.pointee.val {
                secrets.append(String(cString: value))
            }
            option += 1
        }
        return SecretRedactor(secrets: secrets)
    }
}

extension String {
    /// This string without leading and trailing spaces, tabs and line breaks.
    var trimmingWhitespace: String {
        let isSpace: (Character) -> Bool = { $0.isWhitespace }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
