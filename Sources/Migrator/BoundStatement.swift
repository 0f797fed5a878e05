import Dialect

/// A statement Slipway composes itself (history rows, schema creation), with its `$n` parameters.
///
/// The database receives the parameters bound; a dry run writes them inline as literals, so that the script
/// reads and runs on its own.
struct BoundStatement: Sendable, Equatable {
    let sql: String
    let parameters: [String?]

    init(_ sql: String, parameters: [String?] = []) {
        self.sql = sql
        self.parameters = parameters
    }

    /// The statement with every `$n` replaced by its value as a literal (`NULL` for nil).
    ///
    /// Only Slipway's own statements are inlined, and they hold no `$` outside their parameters.
    func inlined(_ dialect: Dialect) -> String {
        guard !parameters.isEmpty else { return sql }
        var result = ""
        var characters = sql[...]
        while let dollar = characters.firstIndex(of: "$") {
            result += characters[..<dollar]
            let digits = characters[characters.index(after: dollar)...].prefix { $0.isASCII && $0.isNumber }
            if let number = Int(digits), number >= 1, number <= parameters.count {
                result += parameters[number - 1].map(dialect.quoteLiteral) ?? "NULL"
                characters = characters[digits.endIndex...]
            } else {
                result += "$"
                characters = characters[characters.index(after: dollar)...]
            }
        }
        return result + characters
    }
}
