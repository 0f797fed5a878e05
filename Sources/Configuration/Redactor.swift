import Diagnostics
import Foundation

/// Replaces known secrets in text with `***`, so that nothing Slipway prints or writes shows a password.
public struct Redactor: Sendable {
    /// Secrets shorter than this are not redacted: they would blank out ordinary words and numbers.
    public static let minimumLength = 3
    /// Every form to replace, longest first so that a secret containing another is replaced whole.
    private let forms: [String]

    /// - Parameter secrets: values to hide; each is also hidden in its percent-encoded forms.
    public init(secrets: [String]) {
        var forms = Set<String>()
        for secret in secrets where secret.count >= Self.minimumLength {
            forms.insert(secret)
            forms.insert(PercentEncoding.encode(secret))
            if let userInfoForm = secret.addingPercentEncoding(withAllowedCharacters: .urlPasswordAllowed) {
                forms.insert(userInfoForm)
            }
        }
        self.forms = forms.sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
    }

    /// `text` with every occurrence of each secret replaced by `***`.
    public func redact(_ text: String) -> String {
        forms.reduce(text) { $0.replacingOccurrences(of: $1, with: "***") }
    }

    /// `diagnostic` with its message, notes and hint redacted.
    public func redact(_ diagnostic: Diagnostic) -> Diagnostic {
        var result = diagnostic
        result.message = redact(diagnostic.message)
        result.notes = diagnostic.notes.map(redact)
        result.hint = diagnostic.hint.map(redact)
        return result
    }
}
