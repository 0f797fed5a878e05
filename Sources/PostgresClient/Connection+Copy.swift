import CLibPQ

extension Connection {
    /// Runs a `COPY ... FROM STDIN` statement and sends `data` as its input.
    ///
    /// The data is in the format the statement names (text by default, or csv) and is sent as UTF-8. A row the server
    /// rejects comes back as ``PostgresError/server(_:)`` with its fields (the context names the line).
    /// - Returns: the number of rows copied.
    @discardableResult
    public func copyIn(_ sql: String, data: String) throws(PostgresError) -> Int {
        do {
            return try copyIn(sql) { input in input.append(data) }
        } catch let error as PostgresError {
            throw error
        } catch {
            throw .client("\(error)")
        }
    }

    /// Runs a `COPY ... FROM STDIN` statement with the input `produce` appends, sent in chunks as it comes, so that
    /// large data need never be held whole. When `produce` throws, the COPY is abandoned (nothing is copied) and
    /// its error is rethrown.
    /// - Returns: the number of rows copied.
    @discardableResult
    public func copyIn(_ sql: String, produce: (CopyInput) throws -> Void) throws -> Int {
        let handle = try openHandle()
        guard PQsendQuery(handle, sql) == 1 else { throw sendFailure() }
        guard let first = PQgetResult(handle) else { throw PostgresError.client("the server sent no result for the COPY") }
        let status = PQresultStatus(first)
        let statementError = status == PGRES_FATAL_ERROR ? error(from: first) : nil
        PQclear(first)
        guard status == PGRES_COPY_IN else {
            // Not a COPY FROM STDIN (or it failed): drain the rest, then report the statement's error or refuse it.
            _ = try collectResults()
            throw statementError ?? .client("copyIn needs a COPY ... FROM STDIN statement")
        }
        let input = CopyInput(handle: handle)
        var produced: (any Error)?
        do {
            try produce(input)
            input.flush()
        } catch {
            produced = error
        }
        let ended = produced == nil ? PQputCopyEnd(handle, nil) : PQputCopyEnd(handle, "the input could not be produced")
        let accepted = input.accepted && ended == 1
        let result: QueryResult
        do {
            result = try collectResults()
        } catch {
            throw produced ?? error
        }
        if let produced { throw produced }
        guard accepted else { throw PostgresError.client(lastErrorMessage) }
        return result.affectedRows ?? 0
    }
}

/// The input of one `COPY ... FROM STDIN`: appended text is gathered into chunks of 64 KiB, each sent as soon as
/// it is full.
public final class CopyInput {
    private static let chunkSize = 1 << 16
    private let handle: OpaquePointer
    private var buffer: [UInt8] = []
    /// False once libpq refused data (an error result then follows, and the rest is not sent).
    private(set) var accepted = true

    init(handle: OpaquePointer) {
        self.handle = handle
        buffer.reserveCapacity(Self.chunkSize)
    }

    public func append(_ text: String) {
        var text = text
        text.withUTF8 { append(bytes: $0) }
    }

    public func append(bytes: UnsafeBufferPointer<UInt8>) {
        var rest = bytes[...]
        while accepted, !rest.isEmpty {
            let room = Self.chunkSize - buffer.count
            buffer.append(contentsOf: rest.prefix(room))
            rest = rest.dropFirst(room)
            if buffer.count == Self.chunkSize { flush() }
        }
    }

    /// Sends what is gathered.
    func flush() {
        guard accepted, !buffer.isEmpty else { return }
        accepted = buffer.withUnsafeBufferPointer { chunk in
            chunk.baseAddress!.withMemoryRebound(to: CChar.self, capacity: chunk.count) {
                PQputCopyData(handle, $0, Int32(chunk.count)) == 1
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
