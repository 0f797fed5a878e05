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

    static let defaultNames = ["slipway.toml", "flyway.toml"]
    static let defaultEnvironment = "default"

    /// Tables that hold something other than settings.
    static let placeholdersTable = "placeholders"
    private static let flywayTable = "flyway"
    private static let environmentsTable = "environments"
    /// Keys Flyway Desktop and Redgate Compare write into flyway.toml; they mean nothing to migrations.
    private static let ignoredTopLevelKeys: Set<String> = ["id", "name", "databaseType", "flywayDesktop", "redgateCompare"]
    /// Environment keys Flyway knows that Slipway has no use for: a label and the JDBC driver class.
    private static let ignoredEnvironmentKeys: Set<String> = ["displayName", "driver"]

    /// Finds and reads the config file: the named one (which must exist), else `slipway.toml`, else
    /// `flyway.toml` in `currentDirectory`, else none.
    static func locate(
        named name: String?, origin: SettingOrigin?, currentDirectory: String
    ) throws(Diagnostic) -> ConfigFile? {
        if let name {
            let path = absolute(name, in: currentDirectory)
            guard FileManager.default.fileExists(atPath: path) else {
                throw Diagnostic(
                    category: .input, location: origin?.location, code: "no-config-file",
                    message: "config file \(name) does not exist" + (origin.map { " (named by \($0.description))" } ?? ""),
                    hint: "check the path, which is relative to \(currentDirectory)")
            }
            return try read(path: path, displayName: name)
        }
        for candidate in defaultNames {
            let path = absolute(candidate, in: currentDirectory)
            if FileManager.default.fileExists(atPath: path) { return try read(path: path, displayName: candidate) }
        }
        return nil
    }

    private static func absolute(_ name: String, in directory: String) -> String {
        name.hasPrefix("/") ? name : URL(fileURLWithPath: directory).appendingPathComponent(name).path
    }

    private static func read(path: String, displayName: String) throws(Diagnostic) -> ConfigFile {
        let contents: String
        do {
            contents = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw Diagnostic(
                category: .input, code: "unreadable-config-file",
                message: "config file \(displayName) cannot be read as UTF-8 text: \(error.localizedDescription)",
                hint: "check the file's permissions and encoding")
        }
        let root = try ConfigNode.parse(toml: contents, file: displayName)
        return ConfigFile(path: path, text: ConfigFileText(file: displayName, text: contents), root: root)
    }

    /// The settings this file gives for the environment that `chosenEnvironment` names (nil: the file's own
    /// `environment` setting, else `default`); `${env.NAME}` references are expanded from `environment`.
    func layer(
        chosenEnvironment: String?, environment: [String: String], errors: inout [Diagnostic]
    ) -> SettingsLayer {
        let references = EnvironmentReferences(environment: environment, text: text)
        let topLevel = settings(
            in: root, section: [], allowed: SettingKey.fileKeys,
            skipping: [Self.flywayTable, Self.environmentsTable], ignoring: Self.ignoredTopLevelKeys,
            references: references, errors: &errors)
        let flyway = table(Self.flywayTable, in: root, section: [], errors: &errors).map {
            settings(in: $0, section: [Self.flywayTable], allowed: SettingKey.fileKeys, references: references, errors: &errors)
        } ?? SettingsLayer()
        let base = topLevel.overridden(by: flyway)
        let environmentName = chosenEnvironment ?? base.text(.environment)
        let selected = environmentLayer(
            named: environmentName ?? Self.defaultEnvironment, explicitly: environmentName != nil,
            references: references, errors: &errors)
        return base.overridden(by: selected)
    }

    /// Settings of `[environments.<name>]` and its `flyway` table; the other environments' keys are only checked.
    private func environmentLayer(
        named name: String, explicitly: Bool, references: EnvironmentReferences, errors: inout [Diagnostic]
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
                    references: references, errors: &errors)
                if let overrides = table(Self.flywayTable, in: node, section: section, errors: &errors) {
                    selected = selected.overridden(by: settings(
                        in: overrides, section: section + [Self.flywayTable], allowed: SettingKey.fileKeys,
                        references: references, errors: &errors))
                }
            } else {
                checkKeys(
                    of: environmentTable, section: section,
                    valid: Set(SettingKey.environmentTableKeys.map(\.rawValue) + [Self.flywayTable, Self.placeholdersTable]),
                    ignoring: Self.ignoredEnvironmentKeys, errors: &errors)
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
