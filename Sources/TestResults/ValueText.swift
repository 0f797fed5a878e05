/// Renders values the server returned (text, `nil` = NULL) so that failure texts are unambiguous.
public enum ValueText {
    /// A row as `(a,b,NULL)`; fields that could be misread are double-quoted, see ``field(_:)``.
    public static func row(_ fields: [String?]) -> String {
        "(" + fields.map(field).joined(separator: ",") + ")"
    }

    /// One field of a row: `NULL` for nil; double-quoted, with `"` and `\` doubled, when the text is empty,
    /// reads as NULL, contains `,()"\` or a line break, or has whitespace at either end.
    public static func field(_ value: String?) -> String {
        guard let value else { return "NULL" }
        let needsQuotes = isAmbiguousAlone(value)
            || value.contains { ",()\"\\\n\r".contains($0) }
        return needsQuotes ? quoted(value) : value
    }

    /// A single value: `NULL` for nil; quoted like ``field(_:)`` only when it would otherwise be misread
    /// (empty, reads as NULL, starts with a quote, or whitespace at either end).
    public static func scalar(_ value: String?) -> String {
        guard let value else { return "NULL" }
        return isAmbiguousAlone(value) || value.hasPrefix("\"") ? quoted(value) : value
    }

    /// The text on one line, line breaks and tabs shown as `\n`, `\r`, `\t`, cut to `limit` characters
    /// with a trailing `…`.
    public static func oneLine(_ text: String, limit: Int = 200) -> String {
        var result = ""
        var count = 0
        for character in text {
            guard count < limit else { return result + "…" }
            switch character {
            case "\n", "\r\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default: result.append(character)
            }
            count += 1
        }
        return result
    }

    private static func isAmbiguousAlone(_ value: String) -> Bool {
        guard let first = value.first, let last = value.last else { return true }
        return value.uppercased() == "NULL" || first.isWhitespace || last.isWhitespace
    }

    private static func quoted(_ value: String) -> String {
        var result = "\""
        for character in value {
            if character == "\"" || character == "\\" { result.append(character) }
            result.append(character)
        }
        return result + "\""
    }
}
