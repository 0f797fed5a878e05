import Diagnostics
import Foundation

/// A TOML config file, `slipway.toml` or Flyway's `flyway.toml`, and the settings it holds.
///
/// Settings may stand at the top level, in `[flyway]`, in the chosen `[environments.<name>]` and in its
/// `[environments.<name>.flyway]`; later ones in that list win. Placeholders live in the matching
/// `placeholders` tables.
struct ConfigFile: Sendable {
    /// The path that was read, made absolute against the current directory.
    let path: String
    let text: ConfigFileText
    let root: ConfigNode

    static let defaultEnvironment = "default"

    /// Tables that hold something other than settings.
    static let placeholdersTable = "placeholders"
    private static let flywayTable = "flyway"
    private static let environmentsTable = "environments"
    /// Keys Flyway Desktop and Redgate Compare write into flyway.toml; they mean nothing to migrations.
    private static let ignoredTopLevelKeys: Set<String> = ["id", "name", "databaseType", "flywayDesktop", "redgateCompare"]
    /// Environment keys Flyway knows that Slipway has no use for: a label and the JDBC driver class.
    private static let ignoredEnvironmentKeys: Set<String> = ["displayName", "driver"]

    static func read(path: String, displayName: String) throws(Diagnostic) -> ConfigFile {
        let contents = try contents(path: path, displayName: displayName)
        let root = try ConfigNode.parse(toml: contents, file: displayName)
        return ConfigFile(path: path, text: ConfigFileText(file: displayName, text: contents), root: root)
    }

    /// A config file's text (TOML or `flyway.conf`), which must be UTF-8.
    static func contents(path: String, displayName: String) throws(Diagnostic) -> String {
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw Diagnostic(
                category: .input, code: "unreadable-config-file",
                message: "config file \(displayName) cannot be read as UTF-8 text: \(error.localizedDescription)",
                hint: "check the file's permissions and encoding")
        }
    }

    /// The settings this file gives for the environment that `chosenEnvironment` names (nil: the file's own
    /// `environment` setting, else `default`); `${env.NAME}` references are expanded from `environment`.
    func layer(
        chosenEnvironment: String?, environment: [String: String], errors: inout [Diagnostic], notes: inout [Diagnostic]
    ) -> SettingsLayer {
        let references = EnvironmentReferences(environment: environment, text: text)
        let topLevel = settings(
            in: root, section: [], allowed: SettingKey.fileKeys,
            skipping: [Self.flywayTable, Self.environmentsTable], ignoring: Self.ignoredTopLevelKeys,
            references: references, errors: &errors, notes: &notes)
        let flyway = table(Self.flywayTable, in: root, section: [], errors: &errors).map {
            settings(in: $0, section: [Self.flywayTable], allowed: SettingKey.fileKeys, references: references, errors: &errors, notes: &notes)
        } ?? SettingsLayer()
        let base = topLevel.overridden(by: flyway)
        let environmentName = chosenEnvironment ?? base.text(.environment)
        let selected = environmentLayer(
            named: environmentName ?? Self.defaultEnvironment, explicitly: environmentName != nil,
            references: references, errors: &errors, notes: &notes)
        return base.overridden(by: selected)
    }

    /// Settings of `[environments.<name>]` and its `flyway` table; the other environments' keys are only checked.
    private func environmentLayer(
        named name: String, explicitly: Bool, references: EnvironmentReferences, errors: inout [Diagnostic],
        notes: inout [Diagnostic]
    ) -> SettingsLayer {
        guard let environments = table(Self.environmentsTable, in: root, section: [], errors: &errors),
              let entries = environments.sortedEntries
        else { return SettingsLayer() }
        var selected = SettingsLayer()
        for (environmentName, node) in entries {
            let section = [Self.environmentsTable, environmentName]
            guard let environmentTable = table(environmentName, in: environments, section: [Self.environmentsTable], errors: &errors)
            else { continue }
            if environmentName == name {
                selected = settings(
                    in: environmentTable, section: section, allowed: SettingKey.environmentTableKeys,
                    skipping: [Self.flywayTable], ignoring: Self.ignoredEnvironmentKeys,
                    references: references, errors: &errors, notes: &notes)
                if let overrides = table(Self.flywayTable, in: node, section: section, errors: &errors) {
                    selected = selected.overridden(by: settings(
                        in: overrides, section: section + [Self.flywayTable], allowed: SettingKey.fileKeys,
                        references: references, errors: &errors, notes: &notes))
                }
            } else {
                // Not used this run: only checked, so its accepted keys draw no notes.
                var (unusedErrors, unusedNotes) = ([Diagnostic](), [Diagnostic]())
                let valid = Set(SettingKey.environmentTableKeys.map(\.rawValue) + [Self.flywayTable, Self.placeholdersTable])
                let accepted = acceptFlywayKeys(
                    of: environmentTable, section: section, skipping: valid.union(Self.ignoredEnvironmentKeys),
                    errors: &unusedErrors, notes: &unusedNotes)
                checkKeys(
                    of: environmentTable, section: section, valid: valid,
                    ignoring: Self.ignoredEnvironmentKeys.union(accepted), errors: &errors)
            }
        }
        if explicitly, environments[name] == nil, !entries.isEmpty {
            errors.append(Diagnostic(
                category: .input, code: "unknown-environment",
                message: "environment '\(name)' is not defined in \(text.file)",
                hint: "use one of: \(entries.map(\.key).joined(separator: ", ")), or add [environments.\(name)]"))
        }
        return selected
    }

    /// The table under `key`, or nil when absent; a non-table value is an error.
    private func table(_ key: String, in node: ConfigNode, section: [String], errors: inout [Diagnostic]) -> ConfigNode? {
        guard let child = node[key] else { return nil }
        guard case .table = child else {
            errors.append(wrongType(key: key, section: section, expected: "a table", found: child))
            return nil
        }
        return child
    }
}
