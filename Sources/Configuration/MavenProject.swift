import Diagnostics
import Foundation

/// A Maven `pom.xml` as the flyway-maven-plugin sees it: the plugin's `<configuration>`, the project's
/// `<properties>`, and whether the project depends on Amazon Redshift's JDBC driver.
struct MavenProject: Sendable {
    static let fileName = "pom.xml"
    private static let pluginArtifact = "flyway-maven-plugin"
    private static let redshiftGroup = "com.amazon.redshift"
    /// Plugin parameters that hold a map (`<placeholders><name>value</name></placeholders>`), by the Flyway
    /// key prefix their entries get; `pluginConfiguration` entries are Flyway keys themselves.
    private static let mapParameters = ["placeholders": "placeholders.", "jdbcProperties": "jdbcProperties.", "pluginConfiguration": ""]
    /// `flyway.*` properties the plugin removes before Flyway checks its keys (`removeMavenPluginSpecific…`).
    private static let pluginProperties: Set<String> = [
        "configFiles", "configFileEncoding", "current", "skip", "version", "serverId", "workingDirectory",
    ]

    let file: String
    let root: XMLTree
    /// The directory holding the pom (Maven's `${project.basedir}`).
    let directory: String
    let environment: [String: String]

    /// The project's `<properties>`, by name.
    var properties: [String: String] {
        Dictionary((root["properties"]?.children ?? []).map { ($0.name, $0.text) }) { _, last in last }
    }

    /// The settings the pom gives, lowest first: the plugin's `<configuration>` (pluginManagement's, then the
    /// plugin's, then each execution's), then `flyway.*` properties, as the Maven plugin merges them. A
    /// dependency on `com.amazon.redshift` sets the dialect to Redshift.
    func layer(errors: inout [Diagnostic], notes: inout [Diagnostic]) -> SettingsLayer {
        let properties = properties
        var layer = SettingsLayer()
        if let dependency = redshiftDependency {
            layer.values[.dialect] = SettingsLayer.Entry(
                value: .text(DatabaseDialect.redshift.rawValue),
                origin: SettingOrigin(
                    description: "the dependency on \(Self.redshiftGroup) in \(file)",
                    location: SourceLocation(file: file, line: dependency.line, column: dependency.column)))
        }
        for configuration in pluginConfigurations {
            for parameter in configuration.children {
                for (name, text, element) in Self.settings(of: parameter) {
                    layer.setFlyway(
                        name, text: interpolate(text, properties: properties),
                        origin: origin("<\(element.name)> in the \(Self.pluginArtifact) configuration", element),
                        unknownSeverity: .warning, errors: &errors, notes: &notes)
                }
            }
        }
        for element in root["properties"]?.children ?? [] where element.name.hasPrefix("flyway.") {
            let name = String(element.name.dropFirst("flyway.".count))
            guard !Self.pluginProperties.contains(name) else { continue }
            layer.setFlyway(
                name, text: interpolate(element.text, properties: properties),
                origin: origin("property <\(element.name)>", element), unknownSeverity: .error, errors: &errors, notes: &notes)
        }
        return layer
    }

    private func origin(_ what: String, _ element: XMLTree) -> SettingOrigin {
        SettingOrigin(description: "\(what) of \(file)", location: SourceLocation(file: file, line: element.line, column: element.column))
    }

    /// One parameter as Flyway keys with text: a list's items joined with commas, a map's entries one by one.
    private static func settings(of parameter: XMLTree) -> [(String, String, XMLTree)] {
        if let prefix = mapParameters[parameter.name] {
            return parameter.children.map { (prefix + $0.name, $0.text, $0) }
        }
        if parameter.children.isEmpty { return [(parameter.name, parameter.text, parameter)] }
        return [(parameter.name, parameter.children.map(\.text).joined(separator: ","), parameter)]
    }

    /// The flyway-maven-plugin's `<configuration>` elements in the order Maven merges them.
    private var pluginConfigurations: [XMLTree] {
        let build = root["build"]
        let plugins = (build?["pluginManagement"]?["plugins"]?.all("plugin") ?? []) + (build?["plugins"]?.all("plugin") ?? [])
        return plugins.filter { $0["artifactId"]?.text == Self.pluginArtifact }.flatMap { plugin in
            [plugin["configuration"]].compactMap { $0 }
                + (plugin["executions"]?.all("execution") ?? []).compactMap { $0["configuration"] }
        }
    }

    /// The first dependency (of the project or of a plugin) on Redshift's JDBC driver.
    private var redshiftDependency: XMLTree? {
        let plugins = (root["build"]?["plugins"]?.all("plugin") ?? [])
        let lists = [root["dependencies"], root["dependencyManagement"]?["dependencies"]] + plugins.map { $0["dependencies"] }
        return lists.compactMap { $0 }.flatMap { $0.all("dependency") }.first { $0["groupId"]?.text == Self.redshiftGroup }
    }

    /// `${name}` replaced as Maven does: `env.NAME` from the environment, `project.basedir` and the project's
    /// coordinates, then `<properties>` (which may refer to each other); an unknown name stays as written.
    func interpolate(_ text: String, properties: [String: String], depth: Int = 0) -> String {
        guard depth < 10, text.contains("${") else { return text }
        var result = ""
        var rest = Substring(text)
        while let open = rest.range(of: "${"), let close = rest[open.upperBound...].firstIndex(of: "}") {
            let name = String(rest[open.upperBound..<close])
            result += rest[..<open.lowerBound]
            result += value(of: name, properties: properties, depth: depth) ?? "${\(name)}"
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    private func value(of name: String, properties: [String: String], depth: Int) -> String? {
        if name.hasPrefix("env.") { return environment[String(name.dropFirst(4))] }
        switch name {
        case "basedir", "project.basedir": return directory
        case "project.groupId", "project.artifactId", "project.version":
            return root[String(name.dropFirst("project.".count))]?.text
        default:
            return properties[name].map { interpolate($0, properties: properties, depth: depth + 1) }
        }
    }

    /// Reads `pom.xml` in `directory`; nil when there is none.
    static func locate(in directory: String, environment: [String: String]) throws(Diagnostic) -> MavenProject? {
        let path = URL(fileURLWithPath: directory).appendingPathComponent(fileName).path
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let root = try XMLTree.parse(data, file: fileName)
        return MavenProject(file: fileName, root: root, directory: directory, environment: environment)
    }
}
