import Dialect

/// A statement Slipway composes itself (history rows, schema creation), with its `$n` parameters.
///
/// The database receives the parameters bound; a dry run writes them inline as literals, so that the script
/// reads and runs on its own.
package struct BoundStatement: Sendable, Equatable {
    package let sql: String
    package let parameters: [String?]

    package init(_ sql: String, parameters: [String?] = []) {
        self.sql = sql
        self.parameters = parameters
    }

    /// The statement with every `$n` replaced by its value as a literal (`NULL` for nil).
    ///
    /// Only Slipway's own statements are inlined; a `$` inside a quoted identifier (a history table called
    /// `"log$1"`) or a quoted string is left as it is.
    package func inlined(_ dialect: Dialect) -> String {
        guard !parameters.isEmpty else { return sql }
        var result = ""
        var quote: Character?
        var characters = sql[...]
        while let next = characters.first {
            characters = characters.dropFirst()
            if let open = quote {
                if next == open { quote = nil }
            } else if next == "\"" || next == "'" {
                quote = next
            } else if next == "$" {
                let digits = characters.prefix { $0.isASCII && $0.isNumber }
                if let number = Int(digits), number >= 1, number <= parameters.count {
                    result += parameters[number - 1].map(dialect.quoteLiteral) ?? "NULL"
                    characters = characters[digits.endIndex...]
                    continue
                }
            }
            result.append(next)
        }
        return result
    }
}
