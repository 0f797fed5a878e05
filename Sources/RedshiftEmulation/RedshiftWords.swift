/// Words that only Redshift knows, for telling a user whose Redshift SQL failed on PostgreSQL which setting runs it.
public enum RedshiftWords {
    static let words: Set<String> = [
        "identity", "distkey", "sortkey", "encode", "diststyle", "interleaved", "compound", "backup", "getdate",
        "sysdate", "nvl", "nvl2", "datediff", "dateadd", "len", "charindex", "top", "minus", "nvarchar", "max",
        "nonatomic", "strtol", "convert_timezone", "add_months", "listagg", "approximate", "query_group",
    ]

    /// A hint naming the setting when the server's error is about a Redshift-only word; nil otherwise.
    ///
    /// PostgreSQL names the word in quotes (`syntax error at or near "identity"`, `column "sysdate" does not
    /// exist`, `type "nvarchar" does not exist`) or as a call (`function getdate() does not exist`).
    public static func settingHint(sqlstate: String, message: String) -> String? {
        guard ["42601", "42883", "42703", "42704"].contains(sqlstate) else { return nil }
        let text = message.lowercased()
        guard let word = words.sorted().first(where: { text.contains("\"\($0)\"") || text.contains("function \($0)(") })
        else { return nil }
        return "`\(word)` is Redshift SQL: set dialect = \"redshift\" in slipway.toml (or --dialect redshift, "
            + "SLIPWAY_DIALECT=redshift) to run it on PostgreSQL under Slipway's Redshift emulation"
    }
}
