import Diagnostics
import Foundation

/// Expands `${env.NAME}` references in config file strings from the process environment.
struct EnvironmentReferences: Sendable {
    let environment: [String: String]
    let text: ConfigFileText

    private static let opening = "${env."

    /// `value` with every `${env.NAME}` replaced; other `${…}` (placeholders, `${flyway:…}`) stay as they are.
    ///
    /// An unset variable is an error naming it and the file; its value never appears in messages.
    func expand(_ value: String) throws(Diagnostic) -> String {
        var result = ""
        var rest = Substring(value)
        while let start = rest.range(of: Self.opening) {
            result += rest[..<start.lowerBound]
            let afterOpening = rest[start.upperBound...]
            guard let close = afterOpening.firstIndex(of: "}") else {
                // Left as it is, `${env.HOST` would be used as a host name.
                throw Diagnostic(
                    category: .input, location: text.location(of: String(rest[start.lowerBound...])),
                    code: "unterminated-variable",
                    message: "\(Self.opening)… in \(text.file) has no closing }",
                    hint: "write the reference as ${env.NAME}")
            }
            let name = String(afterOpening[..<close])
            let reference = Self.opening + name + "}"
            guard let replacement = environment[name] else {
                throw Diagnostic(
                    category: .input, location: text.location(of: reference), code: "unset-variable",
                    message: "environment variable \(name) is not set, but \(text.file) uses it in \(reference)",
                    hint: "set \(name) in the environment, or change \(text.file)")
            }
            result += replacement
            rest = afterOpening[afterOpening.index(after: close)...]
        }
        return result + rest
    }
}
