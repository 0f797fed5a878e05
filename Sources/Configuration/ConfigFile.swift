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
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw Diagnostic(
                category: .input, location: SourceLocation(file: displayName, line: 1, column: 1),
                code: "unreadable-config-file",
                message: "config file \(displayName) cannot be read" + Self.reason(path),
                hint: "check that the file exists and that this user may read it")
        }
        if let text = String(validating: data, as: UTF8.self) { return text }
        // Where the first byte that is not UTF-8 is: the line and column (in characters) before it.
        let valid = (1...data.count).last { String(validating: data.prefix($0), as: UTF8.self) != nil } ?? 0
        let before = String(decoding: data.prefix(valid), as: UTF8.self)
        let line = before.split(separator: "\n", omittingEmptySubsequences: false)
        throw Diagnostic(
            category: .input,
            location: SourceLocation(file: displayName, line: line.count, column: (line.last?.count ?? 0) + 1),
            code: "config-not-utf8", message: "the config file is not valid UTF-8",
            hint: "save \(displayName) as UTF-8")
    }

    /// The system's reason a file cannot be read (`: Permission denied`), rather than Foundation's domain text.
    private static func reason(_ path: String) -> String {
        access(path, R_OK) == 0 ? "" : ": " + String(cString: strerror(errno))
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
