import Diagnostics

extension ConfigFile {
    /// Reads the settings of one table, checking every key; unknown keys and wrong types become errors.
    ///
    /// - Parameters:
    ///   - skipping: keys of sub-tables the caller reads itself.
    ///   - ignoring: keys Flyway's tools write that mean nothing to Slipway.
    func settings(
        in table: ConfigNode, section: [String], allowed: [SettingKey],
        skipping: Set<String> = [], ignoring: Set<String> = [],
        references: EnvironmentReferences, errors: inout [Diagnostic], notes: inout [Diagnostic]
    ) -> SettingsLayer {
        let allowedNames = Set(allowed.map(\.rawValue))
        let valid = allowedNames.union(skipping).union([Self.placeholdersTable])
        let accepted = acceptFlywayKeys(of: table, section: section, skipping: valid.union(ignoring), errors: &errors, notes: &notes)
        checkKeys(of: table, section: section, valid: valid, ignoring: ignoring.union(accepted), errors: &errors)
        var layer = SettingsLayer()
        for (key, node) in table.sortedEntries ?? [] {
            if key == Self.placeholdersTable {
                layer.placeholders = placeholders(node, section: section + [key], references: references, errors: &errors)
            } else if allowedNames.contains(key), let settingKey = SettingKey(rawValue: key) {
                let origin = SettingOrigin(
                    description: "setting '\(key)' \(describe(section))", location: text.location(ofKey: key, in: section))
                do {
                    let value = try value(of: node, for: settingKey, section: section, references: references)
                    layer.values[settingKey] = SettingsLayer.Entry(value: value, origin: origin)
                } catch {
                    errors.append(error)
                }
            }
        }
        return layer
    }

    /// Keys of `table` (outside `skipping`) that are Flyway settings Slipway accepts without using them; each
    /// draws a note, or an error when it is true and must not be ignored. Nested tables are read as dotted
    /// names, so `[flyway.postgresql.transactional] lock = false` is `postgresql.transactional.lock`.
    func acceptFlywayKeys(
        of table: ConfigNode, section: [String], skipping: Set<String>, errors: inout [Diagnostic], notes: inout [Diagnostic]
    ) -> Set<String> {
        var accepted = Set<String>()
        for (key, node) in table.sortedEntries ?? [] where !skipping.contains(key) {
            let leaves = Self.flattened(key, node)
            let settings = leaves.map { FlywaySetting.named($0.name) }
            guard settings.allSatisfy({ $0 != nil && $0?.reason != nil }) else { continue }
            accepted.insert(key)
            for (leaf, setting) in zip(leaves, settings.compactMap { $0 }) {
                let origin = SettingOrigin(
                    description: "setting '\(leaf.name)' \(describe(section))", location: text.location(ofKey: key, in: section))
                if case .refusedWhenTrue = setting.use, leaf.node == .bool(true) || leaf.node == .string("true") {
                    var layer = SettingsLayer()
                    layer.setFlyway(setting.name, text: "true", origin: origin, unknownSeverity: .error, errors: &errors, notes: &notes)
                } else {
                    notes.append(SettingsLayer.noEffect(origin, reason: setting.reason))
                }
            }
        }
        return accepted
    }

    /// A value and, for a table that is not itself a setting, its leaves under dotted names.
    private static func flattened(_ name: String, _ node: ConfigNode) -> [(name: String, node: ConfigNode)] {
        guard FlywaySetting.named(name) == nil, let entries = node.sortedEntries else { return [(name, node)] }
        return entries.flatMap { flattened(name + "." + $0.key, $0.value) }
    }

    /// Records an error for every key of `table` that is neither `valid` nor ignored, listing the valid keys
    /// in the hint.
    func checkKeys(of table: ConfigNode, section: [String], valid: Set<String>, ignoring: Set<String>, errors: inout [Diagnostic]) {
        for (key, _) in table.sortedEntries ?? [] where !valid.contains(key) && !ignoring.contains(key) {
            errors.append(Diagnostic(
                category: .input, location: text.location(ofKey: key, in: section), code: "unknown-setting",
                message: "unknown setting '\(key)' \(describe(section))",
                hint: "valid keys here: \(valid.sorted().joined(separator: ", "))"))
        }
    }

    /// A diagnostic for a value of the wrong TOML type; it names the type, never the value (it may be a secret).
    func wrongType(key: String, section: [String], expected: String, found: ConfigNode) -> Diagnostic {
        wrongType(key: key, section: section, expected: expected, found: found.typeName)
    }

    /// - Parameter found: what the value is instead, e.g. `an integer`; nil when a string does not read as `expected`.
    private func wrongType(key: String, section: [String], expected: String, found: String?) -> Diagnostic {
        Diagnostic(
            category: .input, location: text.location(ofKey: key, in: section), code: "wrong-type",
            message: "setting '\(key)' \(describe(section)) must be \(expected)" + (found.map { ", not \($0)" } ?? ""),
            hint: "change the value of '\(key)' in \(text.file)")
    }

    /// `in [flyway] of flyway.toml`, or `at the top level of slipway.toml`.
    private func describe(_ section: [String]) -> String {
        section.isEmpty ? "at the top level of \(text.file)" : "in [\(section.joined(separator: "."))] of \(text.file)"
    }

    /// Shapes a TOML value as the setting's kind; strings are expanded first, so `"${env.FLAG}"` can be a flag.
    private func value(
        of node: ConfigNode, for key: SettingKey, section: [String], references: EnvironmentReferences
    ) throws(Diagnostic) -> SettingValue {
        let expected = SettingValue.expectation(for: key.kind)
        switch (node, key.kind) {
        case (.string(let raw), _):
            guard let value = SettingValue.parse(try references.expand(raw), as: key.kind) else {
                throw wrongType(key: key.rawValue, section: section, expected: expected, found: nil)
            }
            return value
        case (.bool(let flag), .flag):
            return .flag(flag)
        case (.integer(let number), .number) where number >= 0:
            return .number(number)
        case (.integer(let number), .text):
            return .text(String(number))
        case (.array(let items), .list):
            var strings: [String] = []
            for item in items {
                guard case .string(let raw) = item else {
                    throw wrongType(key: key.rawValue, section: section, expected: "an array of strings", found: "an array holding \(item.typeName)")
                }
                strings.append(try references.expand(raw))
            }
            return .list(strings)
        default:
            throw wrongType(key: key.rawValue, section: section, expected: expected, found: node)
        }
    }

    /// Placeholder values by lower-cased name; strings are expanded, numbers and booleans taken as text.
    private func placeholders(
        _ node: ConfigNode, section: [String], references: EnvironmentReferences, errors: inout [Diagnostic]
    ) -> [String: String] {
        guard let entries = node.sortedEntries else {
            errors.append(wrongType(key: section.last ?? Self.placeholdersTable, section: Array(section.dropLast()), expected: "a table", found: node))
            return [:]
        }
        var result: [String: String] = [:]
        for (name, value) in entries {
            do {
                switch value {
                case .string(let raw): result[name.lowercased()] = try references.expand(raw)
                case .integer(let number): result[name.lowercased()] = String(number)
                case .bool(let flag): result[name.lowercased()] = String(flag)
                default: errors.append(wrongType(key: name, section: section, expected: "a string", found: value))
                }
            } catch {
                errors.append(error)
            }
        }
        return result
    }
}
