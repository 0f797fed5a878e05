/// The values of one row to insert into Flyway's schema history table, already in Flyway's stored form.
///
/// The database side adds `installed_rank` (previous maximum + 1), `installed_by`, `installed_on`,
/// `execution_time` (milliseconds) and `success`.
public struct HistoryRowValues: Sendable, Equatable {
    /// The version's stored text (e.g. `1.0.1`), `nil` for repeatables.
    public var version: String?
    /// The description, cut to 200 characters as Flyway does.
    public var description: String
    public var type: String
    /// The script path, cut to 1000 characters as Flyway does.
    public var script: String
    public var checksum: Int32?

    public init(version: String?, description: String, type: String, script: String, checksum: Int32?) {
        self.version = version
        self.description = HistoryText.abbreviatedDescription(description)
        self.type = type
        self.script = HistoryText.abbreviatedScript(script)
        self.checksum = checksum
    }

    /// The marker row `baseline` writes: `<< Flyway Baseline >>` with a `NULL` checksum.
    public static func baseline(version: MigrationVersion, description: String = HistoryText.baselineDescription)
        -> HistoryRowValues
    {
        // Flyway stores the baseline description in both `description` and `script`.
        HistoryRowValues(
            version: version.description, description: description, type: HistoryType.baseline,
            script: description, checksum: nil)
    }
}

/// Flyway's rules for text stored in the history table.
public enum HistoryText {
    /// The default description of the baseline marker row.
    public static let baselineDescription = "<< Flyway Baseline >>"
    /// The default name of the history table.
    public static let defaultTable = "flyway_schema_history"
    /// The widths of the history table's `version` and `installed_by` columns (VARCHAR(50), VARCHAR(100)).
    public static let versionLength = 50
    public static let installedByLength = 100

    /// Cuts a description longer than 200 characters to 197 + `...` (Java `String.length`, UTF-16 units).
    public static func abbreviatedDescription(_ description: String) -> String {
        let units = Array(description.utf16)
        guard units.count > 200 else { return description }
        return javaPrefix(units, 197) + "..."
    }

    /// Cuts a script path longer than 1000 characters to `...` + its characters 3..<1000, as Flyway does.
    public static func abbreviatedScript(_ script: String) -> String {
        let units = Array(script.utf16)
        guard units.count > 1000 else { return script }
        return "..." + String(decoding: units[3..<1000], as: UTF16.self)
    }

    /// Redshift's VARCHAR(200) and VARCHAR(1000) count bytes, not characters (docs.aws.amazon.com/redshift/latest/
    /// dg/r_Character_types.html), so on Redshift a Flyway-cut value is cut again the same way by UTF-8 bytes,
    /// never splitting a character: a multibyte description cannot overflow the column there.
    public static func redshiftDescription(_ description: String) -> String {
        guard description.utf8.count > 200 else { return description }
        return prefix(description, bytes: 197) + "..."
    }

    /// The script path cut like ``abbreviatedScript(_:)``, by UTF-8 bytes, for Redshift's VARCHAR(1000).
    public static func redshiftScript(_ script: String) -> String {
        guard script.utf8.count > 1000 else { return script }
        return "..." + prefix(String(script.dropFirst(3)), bytes: 997)
    }

    /// Whether a stored description is the file's, cut as Flyway cuts it or, for a row Redshift holds, by bytes.
    public static func storedDescriptionMatches(_ stored: String, file description: String) -> Bool {
        let flyway = abbreviatedDescription(description)
        return stored == flyway || stored == redshiftDescription(flyway)
    }

    private static func prefix(_ text: String, bytes: Int) -> String {
        var count = 0
        var end = text.startIndex
        for character in text {
            count += character.utf8.count
            if count > bytes { break }
            end = text.index(after: end)
        }
        return String(text[..<end])
    }

    private static func javaPrefix(_ units: [UInt16], _ count: Int) -> String {
        // Never cut a surrogate pair in half: that would not be valid text in the database.
        var end = count
        if end > 0, UTF16.isLeadSurrogate(units[end - 1]) { end -= 1 }
        return String(decoding: units[..<end], as: UTF16.self)
    }
}
