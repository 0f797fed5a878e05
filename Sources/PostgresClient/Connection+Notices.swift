import CLibPQ

extension Connection {
    /// Routes libpq's notices to ``noticeHandler`` instead of libpq's default of printing them to stderr.
    func installNoticeReceiver() {
        guard let handle else { return }
        // Unretained: the connection outlives its PGconn, which is the only caller of the receiver.
        let context = Unmanaged.passUnretained(self).toOpaque()
        _ = PQsetNoticeReceiver(handle, { context, result in
            guard let context, let result else { return }
            let connection = Unmanaged<Connection>.fromOpaque(context).takeUnretainedValue()
            guard let handler = connection.noticeHandler, let message = ServerMessage(result: result) else { return }
            handler(message)
        }, context)
    }
}
