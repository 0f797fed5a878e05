import Foundation

/// A setting's value as one source gave it, already shaped by the setting's ``SettingKey/Kind``.
enum SettingValue: Sendable, Equatable {
    case text(String)
    case list([String])
    case flag(Bool)
    case number(Int)

    /// Reads a text value (command line, environment variable, or a TOML string) as the given kind.
    ///
    /// Lists are comma-separated with blanks trimmed and empty items dropped; flags are `true` or `false` in any
    /// case; numbers are non-negative integers. Returns nil when the text does not fit the kind.
    static func parse(_ text: String, as kind: SettingKey.Kind) -> SettingValue? {
        switch kind {
        case .text:
            return .text(text)
        case .list:
            let items = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            return .list(items.filter { !$0.isEmpty })
        case .flag:
            switch text.trimmingCharacters(in: .whitespaces).lowercased() {
            case "true": return .flag(true)
            case "false": return .flag(false)
            default: return nil
            }
        case .number:
            guard let number = Int(text.trimmingCharacters(in: .whitespaces)), number >= 0 else { return nil }
            return .number(number)
        }
    }

    /// A description of what a kind accepts, for error messages (never the rejected value: it may be a secret).
    static func expectation(for kind: SettingKey.Kind) -> String {
        switch kind {
        case .text: "a string"
        case .list: "a list (comma-separated text, or in TOML an array of strings)"
        case .flag: "true or false"
        case .number: "a whole number of 0 or more"
        }
    }
}
