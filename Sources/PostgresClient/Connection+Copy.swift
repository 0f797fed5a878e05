import CLibPQ

extension Connection {
    /// Runs a `COPY ... FROM STDIN` statement and sends `data` as its input.
    ///
    /// The data is in the format the statement names (text by default, or csv) and is sent as UTF-8. A row the server
    /// rejects comes back as ``PostgresError/server(_:)`` with its fields (the context names the line).
    /// - Returns: the number of rows copied.
    @discardableResult
    public func copyIn(_ sql: String, data: String) throws(PostgresError) -> Int {
        let handle = try openHandle()
        guard PQsendQuery(handle, sql) == 1 else { throw sendFailure() }
        guard let first = PQgetResult(handle) else { throw .client("the server sent no result for the COPY") }
        let status = PQresultStatus(first)
        let statementError = status == PGRES_FATAL_ERROR ? error(from: first) : nil
        PQclear(first)
        guard status == PGRES_COPY_IN else {
            // Not a COPY FROM STDIN (or it failed): drain the rest, then report the statement's error or refuse it.
            _ = try collectResults()
            throw statementError ?? .client("copyIn needs a COPY ... FROM STDIN statement")
        }
        let accepted = sendCopyData(handle, data) && PQputCopyEnd(handle, nil) == 1
        let result = try collectResults()
        guard accepted else { throw .client(lastErrorMessage) }
        return result.affectedRows ?? 0
    }

    /// Sends the copy data in chunks; `false` when libpq refused it (an error result then follows).
    private func sendCopyData(_ handle: OpaquePointer, _ data: String) -> Bool {
        let chunkSize = 1 << 16
        let bytes = Array(data.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return true }
            var offset = 0
            while offset < buffer.count {
                let length = min(chunkSize, buffer.count - offset)
                let sent = base.advanced(by: offset).withMemoryRebound(to: CChar.self, capacity: length) {
                    PQputCopyData(handle, $0, Int32(length))
                }
                guard sent == 1 else { return false }
                offset += length
            }
            return true
        }
    }
}
