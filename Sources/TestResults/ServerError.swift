/// An error the server raised: its SQLSTATE and primary message.
public struct ServerError: Sendable, Equatable {
    /// The five-character SQLSTATE, e.g. `23505`.
    public var sqlState: String
    public var message: String

    public init(sqlState: String, message: String) {
        self.sqlState = sqlState
        self.message = message
    }

    /// `23505: duplicate key value violates unique constraint "t_pkey"`: SQLSTATE first, as pgTAP shows it.
    public var text: String { "\(sqlState): \(message)" }
}

extension TestFailure {
    /// An error the test did not expect: SQLSTATE first in the message, type `SQLSTATE <code>`, and the
    /// given extra lines (`detail: ...`, `hint: ...`, the SQL, the location) after it in the details.
    public static func unexpected(_ error: ServerError, notes: [String] = []) -> TestFailure {
        TestFailure(
            message: ValueText.oneLine(error.text, limit: 1_000),
            type: "SQLSTATE \(error.sqlState)",
            details: ([error.text] + notes).joined(separator: "\n")
        )
    }
}
