/// One setting Slipway understands, named by its canonical (Flyway) configuration key.
public enum SettingKey: String, CaseIterable, Sendable, Hashable, Comparable {
    case url, user, password, defaultSchema, schemas, table, locations, configFiles, dryRunOutput
    case placeholderReplacement, outOfOrder, baselineOnMigrate, baselineVersion, baselineDescription
    case validateOnMigrate, validateMigrationNaming, mixed, target, cleanDisabled, installedBy
    case ignoreMigrationPatterns, cherryPick, sqlMigrationPrefix, undoSqlMigrationPrefix, repeatableSqlMigrationPrefix
    case baselineMigrationPrefix
    case sqlMigrationSeparator, sqlMigrationSuffixes, encoding, environment
    // Slipway's own settings.
    case secretEnv, secretId, dialect, configFile, lockTimeout, statementTimeout, connectRetries, connectRetriesInterval, production
    // Redshift fixtures in S3 (`slipway test`).
    case redshiftIamRole, testDataS3Bucket
    // The folder that stands for S3 in emulated Redshift's COPY.
    case s3Root
    // The least line coverage of the routines `slipway test --coverage` accepts, in percent.
    case coverageMin

    /// What shape a setting's value has.
    public enum Kind: Sendable, Equatable {
        case text, list, flag, number
    }

    public var kind: Kind {
        switch self {
        case .schemas, .locations, .ignoreMigrationPatterns, .sqlMigrationSuffixes, .cherryPick, .configFiles:
            .list
        case .placeholderReplacement, .outOfOrder, .baselineOnMigrate, .validateOnMigrate,
             .validateMigrationNaming, .mixed, .cleanDisabled, .production:
            .flag
        case .lockTimeout, .statementTimeout, .connectRetries, .connectRetriesInterval, .coverageMin:
            .number
        default:
            .text
        }
    }

    /// The key in UPPER_SNAKE case, as it follows `SLIPWAY_` or `FLYWAY_` in an environment variable.
    public var environmentSuffix: String {
        var result = ""
        for character in rawValue {
            if character.isUppercase { result += "_" }
            result += character.uppercased()
        }
        return result
    }

    /// Keys that `[environments.<name>]` tables may hold: the connection and little else, as in Flyway.
    static let environmentTableKeys: [SettingKey] = [
        .url, .user, .password, .schemas, .secretEnv, .secretId, .dialect, .connectRetries, .connectRetriesInterval, .production,
    ]

    /// Keys that a config file may set in `[flyway]` or at the top level; the file cannot name another file.
    static let fileKeys: [SettingKey] = allCases.filter { $0 != .configFile && $0 != .configFiles }

    /// Finds the key that an environment variable suffix such as `BASELINE_ON_MIGRATE` names.
    static func forEnvironmentSuffix(_ suffix: String) -> SettingKey? {
        allCases.first { $0.environmentSuffix == suffix }
    }

    public static func < (lhs: SettingKey, rhs: SettingKey) -> Bool { lhs.rawValue < rhs.rawValue }
}
