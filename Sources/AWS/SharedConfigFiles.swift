import Foundation

/// The AWS CLI's shared files: `~/.aws/credentials` (`[name]` sections) and `~/.aws/config` (`[profile name]`,
/// and `[default]`), both INI text with `key = value` lines.
struct SharedConfigFiles {
    var profile: String
    /// True when AWS_PROFILE named the profile, so a missing one is an error rather than "not configured".
    var profileNamed: Bool
    var credentialsPath: String
    var configPath: String

    init(environment: [String: String]) {
        let home = environment["HOME"] ?? NSHomeDirectory()
        let named = environment["AWS_PROFILE"] ?? environment["AWS_DEFAULT_PROFILE"]
        profile = named ?? "default"
        profileNamed = named != nil
        credentialsPath = environment["AWS_SHARED_CREDENTIALS_FILE"] ?? home + "/.aws/credentials"
        configPath = environment["AWS_CONFIG_FILE"] ?? home + "/.aws/config"
    }

    /// The profile's keys from the credentials file, then the config file; nil when neither has it. A key in
    /// the credentials file wins.
    func settings() -> (values: [String: String], files: [String])? {
        let fromCredentials = Self.section(profile, in: credentialsPath)
        let fromConfig = Self.section(profile == "default" ? "default" : "profile \(profile)", in: configPath)
        guard fromCredentials != nil || fromConfig != nil else { return nil }
        let files = [fromCredentials.map { _ in credentialsPath }, fromConfig.map { _ in configPath }].compactMap { $0 }
        return ((fromConfig ?? [:]).merging(fromCredentials ?? [:]) { $1 }, files)
    }

    /// The keys of section `[name]` in the file at `path`; nil when the file or the section is missing.
    static func section(_ name: String, in path: String) -> [String: String]? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return sections(text)[name]
    }

    /// Sections by name, with keys lower-cased; comments (`#`, `;`) and indented continuation lines ignored.
    static func sections(_ text: String) -> [String: [String: String]] {
        var result: [String: [String: String]] = [:]
        var current: String?
        for raw in text.split(whereSeparator: \.isNewline) {
            guard let first = raw.first, first != " ", first != "\t" else { continue }
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("["), line.hasSuffix("]") {
                let name = line.dropFirst().dropLast().split(whereSeparator: \.isWhitespace).joined(separator: " ")
                current = name
                result[name, default: [:]] = result[name] ?? [:]
            } else if let current, let equals = line.firstIndex(of: "=") {
                let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
                result[current]?[key] = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return result
    }
}
