import Diagnostics

/// Where a setting's value came from, so that errors about it can point there.
struct SettingOrigin: Sendable, Equatable {
    /// E.g. `environment variable FLYWAY_URL`, `command line setting url`, `flyway.toml`.
    var description: String
    var location: SourceLocation?

    static func commandLine(_ key: String) -> SettingOrigin {
        SettingOrigin(description: "command line setting '\(key)'")
    }

    static func environment(_ name: String) -> SettingOrigin {
        SettingOrigin(description: "environment variable \(name)")
    }
}
