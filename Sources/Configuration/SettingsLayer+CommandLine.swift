import Diagnostics

extension SettingsLayer {
    /// The prefix of command line keys that set a placeholder, as in Flyway's `placeholders.<name>`.
    static let placeholderKeyPrefix = "placeholders."

    /// Reads the canonical keys the executable took from its flags (`outOfOrder` → `"true"`, `schemas` → `"a,b"`).
    static func commandLine(_ options: [String: String], errors: inout [Diagnostic]) -> SettingsLayer {
        var layer = SettingsLayer()
        for (key, text) in options.sorted(by: { $0.key < $1.key }) {
            if key.hasPrefix(placeholderKeyPrefix) {
                let name = key.dropFirst(placeholderKeyPrefix.count).lowercased()
                layer.placeholders[name] = text
            } else if let settingKey = SettingKey(rawValue: key) {
                layer.set(settingKey, text: text, origin: .commandLine(key), errors: &errors)
            } else {
                errors.append(Diagnostic(
                    category: .input, code: "unknown-setting",
                    message: "unknown command line setting '\(key)'",
                    hint: "valid settings: \(SettingKey.allCases.map(\.rawValue).joined(separator: ", ")), placeholders.<name>"))
            }
        }
        return layer
    }
}
