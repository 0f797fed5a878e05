import Diagnostics
import Foundation

extension SettingsLoader {
    /// Looked for in the current directory when no file is named; the first that exists is read.
    static let defaultConfigFiles = ["slipway.toml", "flyway.toml", "flyway.conf"]

    /// What the project's files say, lowest first: `pom.xml`'s flyway-maven-plugin settings, then the files
    /// named by `configFiles` (`FLYWAY_CONFIG_FILES`, or the plugin's `<configFiles>`) and `--config-file`, or
    /// else the first default file; a later file wins over an earlier one. Files ending in `.toml` are TOML,
    /// any other is read as a Flyway 8/9 `flyway.conf`.
    ///
    /// - Returns: the merged layer, the absolute paths of the config files read (not the pom), and every
    ///   password the files hold (also those a later file overrides: all are secrets).
    static func fileLayer(
        outer: SettingsLayer, environment: [String: String], currentDirectory: String,
        errors: inout [Diagnostic], notes: inout [Diagnostic]
    ) -> (layer: SettingsLayer, paths: [String], passwords: [String]) {
        var layers: [SettingsLayer] = []
        do {
            if let pom = try MavenProject.locate(in: currentDirectory, environment: environment) {
                layers.append(pom.layer(errors: &errors, notes: &notes))
            }
        } catch {
            errors.append(error)
        }
        let listed = outer.values[.configFiles] ?? layers.first?.values[.configFiles]
        var named: [(name: String, origin: SettingOrigin?)] = []
        if let listed, case .list(let names) = listed.value { named += names.map { ($0, listed.origin) } }
        if let name = outer.text(.configFile) { named.append((name, outer.values[.configFile]?.origin)) }
        if named.isEmpty, let name = defaultConfigFiles.first(where: {
            FileManager.default.fileExists(atPath: absolute($0, in: currentDirectory))
        }) {
            named = [(name, nil)]
        }
        var paths: [String] = []
        for (name, origin) in named {
            let path = absolute(name, in: currentDirectory)
            guard FileManager.default.fileExists(atPath: path) else {
                errors.append(Diagnostic(
                    category: .input, location: origin?.location, code: "no-config-file",
                    message: "config file \(name) does not exist" + (origin.map { " (named by \($0.description))" } ?? ""),
                    hint: "check the path, which is relative to \(currentDirectory)"))
                continue
            }
            do {
                layers.append(try read(name, path: path, outer: outer, environment: environment, errors: &errors, notes: &notes))
                paths.append(path)
            } catch {
                errors.append(error)
            }
        }
        return (SettingsLayer.merged(layers), paths, layers.compactMap { $0.text(.password) })
    }

    private static func read(
        _ name: String, path: String, outer: SettingsLayer, environment: [String: String],
        errors: inout [Diagnostic], notes: inout [Diagnostic]
    ) throws(Diagnostic) -> SettingsLayer {
        if name.lowercased().hasSuffix(".toml") {
            return try ConfigFile.read(path: path, displayName: name)
                .layer(chosenEnvironment: outer.text(.environment), environment: environment, errors: &errors, notes: &notes)
        }
        let text = FlywayConfText(try ConfigFile.contents(path: path, displayName: name), environment: environment)
        return FlywayConfFile(file: name, text: text).layer(errors: &errors, notes: &notes)
    }

    static func absolute(_ name: String, in directory: String) -> String {
        name.hasPrefix("/") ? name : URL(fileURLWithPath: directory).appendingPathComponent(name).path
    }

    /// Maven's layout when nothing names the locations: `src/main/resources/db/migration` (Flyway's
    /// `classpath:db/migration` in a Maven project) when `db/migration` does not exist and it does.
    static func defaultLocations(in directory: String) -> [String]? {
        let maven = "src/main/resources/db/migration"
        var isDirectory: ObjCBool = false
        guard !FileManager.default.fileExists(atPath: absolute("db/migration", in: directory)),
              FileManager.default.fileExists(atPath: absolute(maven, in: directory), isDirectory: &isDirectory),
              isDirectory.boolValue
        else { return nil }
        return [maven]
    }
}
