import Diagnostics

/// A migration file found in a location, read and checksummed.
public struct ResolvedMigration: Sendable, Equatable {
    public var kind: MigrationKind
    /// The version; `nil` for repeatables.
    public var version: MigrationVersion?
    /// The description as Flyway stores it (`_` turned into spaces).
    public var description: String
    /// The path relative to its location with `/` separators, as Flyway stores it in `script`.
    public var script: String
    /// The absolute path of the file.
    public var path: String
    /// The decoded text without a leading byte-order mark; placeholders not replaced.
    public var text: String
    /// ``Checksum/flyway(_:)`` of the raw text.
    public var checksum: Int32
    /// The checksum Flyway stores: the raw one, except for repeatables with placeholder replacement, where it is
    /// the checksum after replacement (see ``DiscoveredMigrations/resolvingRepeatableChecksums(placeholders:)``).
    public var effectiveChecksum: Int32
    /// The settings of the file's `.conf` file.
    public var config: ScriptConfig
    /// The file name as Flyway rebuilds it for `${flyway:filename}`.
    public var canonicalFileName: String

    public init(
        kind: MigrationKind, version: MigrationVersion?, description: String, script: String, path: String,
        text: String, checksum: Int32, effectiveChecksum: Int32? = nil, config: ScriptConfig = ScriptConfig(),
        canonicalFileName: String? = nil
    ) {
        self.kind = kind
        self.version = version
        self.description = description
        self.script = script
        self.path = path
        self.text = text
        self.checksum = checksum
        self.effectiveChecksum = effectiveChecksum ?? checksum
        self.config = config
        self.canonicalFileName = canonicalFileName ?? String(script.split(separator: "/").last ?? "")
    }

    /// The `type` stored in the history table (`SQL`, `UNDO_SQL`, `SQL_BASELINE`).
    public var type: String { kind.historyType }

    /// Whether a history row's checksum matches this file; for repeatables the raw-text checksum also matches.
    public func checksumMatches(_ applied: Int32?) -> Bool {
        applied == effectiveChecksum || (kind == .repeatable && applied == checksum)
    }

    /// Whether placeholders are replaced in this file: its `.conf` setting, else the global one.
    public func replacesPlaceholders(_ placeholders: Placeholders) -> Bool {
        config.placeholderReplacement ?? placeholders.isEnabled
    }

    /// The SQL to execute: the text with placeholders replaced, unless replacement is off for this file.
    public func executableText(placeholders: Placeholders) throws(DiagnosticList) -> String {
        guard replacesPlaceholders(placeholders) else { return text }
        return try placeholders.replace(in: text, fileName: canonicalFileName, file: path)
    }

    /// The values of the history row that records a run of this migration.
    public var historyRow: HistoryRowValues {
        HistoryRowValues(
            version: version?.description, description: description, type: type, script: script,
            checksum: effectiveChecksum)
    }
}
