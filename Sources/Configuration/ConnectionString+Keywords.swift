import Diagnostics

extension ConnectionString {
    /// Parses a libpq keyword string: `host=h port=5432 dbname='my db'`.
    ///
    /// Values are bare (up to a blank) or single-quoted; in both, a backslash escapes the next character.
    static func parseKeywords(_ text: String) throws(Diagnostic) -> DatabaseTarget {
        var target = DatabaseTarget()
        var rest = Substring(text)
        while true {
            rest = rest.drop { $0.isWhitespace }
            guard !rest.isEmpty else { break }
            let key = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            guard !key.isEmpty else { throw invalid(text, "expected a keyword such as host=…") }
            rest = rest.dropFirst(key.count).drop { $0.isWhitespace }
            guard rest.first == "=" else { throw invalid(text, "keyword '\(key)' is not followed by '='") }
            rest = rest.dropFirst().drop { $0.isWhitespace }
            let value = try readValue(&rest, of: key, in: text)
            target.set(String(key), value)
        }
        if let port = target["port"] { try validatePorts(port.split(separator: ",").map(String.init), in: text) }
        return target
    }

    /// Reads one value from the front of `rest`: quoted, or bare up to the next blank.
    private static func readValue(_ rest: inout Substring, of key: Substring, in text: String) throws(Diagnostic) -> String {
        let quoted = rest.first == "'"
        if quoted { rest = rest.dropFirst() }
        var value = ""
        while let character = rest.first {
            rest = rest.dropFirst()
            if character == "\\", let escaped = rest.first {
                value.append(escaped)
                rest = rest.dropFirst()
            } else if quoted, character == "'" {
                return value
            } else if !quoted, character.isWhitespace {
                return value
            } else {
                value.append(character)
            }
        }
        if quoted { throw invalid(text, "the quoted value of '\(key)' has no closing quote") }
        return value
    }
}
