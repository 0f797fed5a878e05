import Diagnostics

extension SettingsLayer {
    /// Stores a text value for `key`, shaped by the key's kind, or records an error naming where it came from.
    mutating func set(_ key: SettingKey, text: String, origin: SettingOrigin, errors: inout [Diagnostic]) {
        guard let value = SettingValue.parse(text, as: key.kind) else {
            errors.append(Diagnostic(
                category: .input, location: origin.location, code: "wrong-type",
                message: "\(origin.description) must be \(SettingValue.expectation(for: key.kind)) for setting '\(key.rawValue)'",
                hint: "fix the value of \(origin.description)"))
            return
        }
        values[key] = Entry(value: value, origin: origin)
    }
}
