import Diagnostics

extension Diagnostic {
    /// A `.connection` error about the embedded server: what failed, supporting lines, and what to do.
    static func embeddedServer(_ message: String, notes: [String] = [], hint: String) -> Diagnostic {
        Diagnostic(category: .connection, message: message, notes: notes, hint: hint)
    }
}
