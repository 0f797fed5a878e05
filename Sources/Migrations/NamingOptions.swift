/// How migration files are named and read, and what to do with files that are named badly.
public struct NamingOptions: Sendable, Equatable {
    /// What a badly named `.sql` file in a location is reported as.
    public enum BadNamePolicy: Sendable, Equatable {
        /// An error: nothing runs until the file is renamed (the default; Flyway's `validateMigrationNaming=true`).
        case error
        /// A warning: the file is skipped (Flyway skips such files silently).
        case warning
    }

    public var versionedPrefix: String
    public var undoPrefix: String
    public var repeatablePrefix: String
    public var baselinePrefix: String
    public var separator: String
    /// File name endings of migrations, matched case-insensitively.
    public var suffixes: [String]
    public var badNames: BadNamePolicy
    /// The encoding of files whose `.sql.conf` names none (Flyway's `encoding`); nil means UTF-8.
    public var encoding: String?

    public init(
        versionedPrefix: String = "V",
        undoPrefix: String = "U",
        repeatablePrefix: String = "R",
        baselinePrefix: String = "B",
        separator: String = "__",
        suffixes: [String] = [".sql"],
        badNames: BadNamePolicy = .error,
        encoding: String? = nil
    ) {
        self.versionedPrefix = versionedPrefix
        self.undoPrefix = undoPrefix
        self.repeatablePrefix = repeatablePrefix
        self.baselinePrefix = baselinePrefix
        self.separator = separator
        self.suffixes = suffixes
        self.badNames = badNames
        self.encoding = encoding
    }

    /// The prefix of each kind of migration.
    func prefix(of kind: MigrationKind) -> String {
        switch kind {
        case .versioned: versionedPrefix
        case .undo: undoPrefix
        case .repeatable: repeatablePrefix
        case .baselineMigration: baselinePrefix
        }
    }
}
