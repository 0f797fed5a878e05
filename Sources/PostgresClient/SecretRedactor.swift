/// Removes passwords from libpq's messages before they reach a user or a log.
struct SecretRedactor {
    /// The passwords to hide; empty ones are ignored.
    var secrets: [String]
    /// Whether to hide every double-quoted fragment too, for messages that may quote a password we could not parse.
    var hidesQuotedText = false

    func redact(_ text: String) -> String {
        var redacted = text
        for secret in secrets where !secret.isEmpty {
            redacted = redacted.replacing(secret, with: "***")
        }
        guard hidesQuotedText else { return redacted }
        // Split on quotes: odd pieces were inside a pair of quotes.
        let pieces = redacted.split(separator: "\"", omittingEmptySubsequences: false)
        guard pieces.count >= 3 else { return redacted }
        return pieces.enumerated()
            .map { index, piece in index % 2 == 1 && index < pieces.count - 1 ? "***" : String(piece) }
            .joined(separator: "\"")
    }
}
